package org.perflab.display;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Rich output for experiments, independent of the kernel. Library code calls {@link #show} and
 * {@link #update}; the kernel installs its {@link DisplaySink} in the JVM that runs the cells, so
 * the library never depends on the kernel and still draws tables, charts and progress in place.
 */
public final class Display {

    private static volatile DisplaySink sink = DisplaySink.STDOUT;

    private Display() {
    }

    /** Installs the sink that receives every later call; the kernel does this once per JVM. */
    public static void install(DisplaySink newSink) {
        sink = Objects.requireNonNull(newSink, "sink");
    }

    /** The sink in use: the kernel's inside a notebook, {@link DisplaySink#STDOUT} elsewhere. */
    public static DisplaySink sink() {
        return sink;
    }

    /** Shows a value as its own output. */
    public static void show(Object value) {
        sink.show(value, null);
    }

    /** Shows a value under a display id and returns the id, so it can be updated in place later. */
    public static String show(Object value, String displayId) {
        String id = displayId != null ? displayId : newDisplayId();
        sink.show(value, id);
        return id;
    }

    /**
     * Shows a value rendered as the given MIME types ({@code "text/html"}, {@code "image/png"}, ...) under
     * {@code displayId} (a new one when null) and returns the id.
     *
     * @throws IllegalArgumentException when a type is not of the form {@code type/subtype}, which is what
     *         a display id passed where a MIME type belongs looks like
     */
    public static String showAs(String displayId, Object value, String... mimeTypes) {
        List<String> types = mimeTypes(mimeTypes);
        String id = displayId != null ? displayId : newDisplayId();
        sink.show(value, id, types);
        return id;
    }

    /** Replaces the output shown under {@code displayId}, rendered as the given MIME types. */
    public static void updateAs(String displayId, Object value, String... mimeTypes) {
        sink.update(Objects.requireNonNull(displayId, "displayId"), value, mimeTypes(mimeTypes));
    }

    private static List<String> mimeTypes(String... mimeTypes) {
        List<String> types = List.of(mimeTypes);
        for (String type : types) {
            if (!type.matches("[\\w.+-]+/[\\w.+-]+")) {
                throw new IllegalArgumentException("\"" + type + "\" is not a MIME type: display(value, types...)"
                        + " takes types such as \"text/html\" or \"image/png\", as in IJava and JJava; to show a value"
                        + " under an id of your own, call displayWithId(\"" + type + "\", value)");
            }
        }
        return types;
    }

    /** Replaces the output shown under {@code displayId}. */
    public static void update(String displayId, Object value) {
        sink.update(Objects.requireNonNull(displayId, "displayId"), value);
    }

    /** Clears the current cell's output (with {@code wait}: when the next output arrives). */
    public static void clear(boolean wait) {
        sink.clear(wait);
    }

    /** A fresh display id, unique within the JVM and across restarts. */
    public static String newDisplayId() {
        return "perflab-" + UUID.randomUUID();
    }
}
