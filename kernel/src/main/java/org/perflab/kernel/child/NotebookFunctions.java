package org.perflab.kernel.child;

import org.perflab.display.Display;

/**
 * The functions every cell can call without a prefix; the kernel imports them statically at
 * start-up. They delegate to {@link Display}, so library code and cells share one mechanism.
 */
public final class NotebookFunctions {

    private NotebookFunctions() {
    }

    /**
     * Shows a value as rich output below the cell (HTML table, chart, text) and returns its display id,
     * for {@link #updateDisplay}. With MIME types, as in IJava and JJava, the value is rendered as those
     * types: {@code display("<b>hi</b>", "text/html")}; a {@code byte[]} as {@code "image/png"}, a JSON
     * string as {@code "application/json"}.
     */
    public static String display(Object value, String... mimeTypes) {
        return Display.showAs(null, value, mimeTypes);
    }

    /** {@link #display} under a display id of one's own, for example one a later cell updates by name. */
    public static String displayWithId(String displayId, Object value, String... mimeTypes) {
        return Display.showAs(java.util.Objects.requireNonNull(displayId, "displayId"), value, mimeTypes);
    }

    /** Clears this cell's output; with {@code wait}, when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Display.clear(wait);
    }

    /** Clears this cell's output at once. */
    public static void clearOutput() {
        Display.clear(false);
    }

    /** Replaces the output shown earlier under {@code displayId}, rendered as the given MIME types if any. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        Display.updateAs(displayId, value, mimeTypes);
    }
}
