package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An nbformat 4.5 notebook held as its JSON, so fields this runner does not know (metadata of
 * extensions, widget state) survive a read and a write unchanged.
 *
 * <p>In memory, text is one string; {@link #toJupyterJson()} writes it as lists of lines with
 * Jupyter's layout (one-space indent, sorted keys, trailing newline), so a notebook run here and
 * then saved by Jupyter shows no diff.
 */
public final class Notebook {

    private final JsonObject json;
    private final List<NotebookCell> cells;

    private Notebook(JsonObject json) {
        this.json = json;
        List<NotebookCell> views = new ArrayList<>();
        JsonArray array = json.getAsJsonArray("cells");
        for (int i = 0; i < array.size(); i++) {
            views.add(new NotebookCell(array.get(i).getAsJsonObject(), i));
        }
        this.cells = Collections.unmodifiableList(views);
    }

    public static Notebook read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read notebook " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** @param origin names the source in error messages, e.g. a path */
    public static Notebook parse(String text, String origin) {
        return parse(text, origin, new SecureRandom());
    }

    static Notebook parse(String text, String origin, RandomGenerator random) {
        return new Notebook(NotebookFormat.parse(text, origin, random));
    }

    public List<NotebookCell> cells() {
        return cells;
    }

    public List<NotebookCell> codeCells() {
        return cells.stream().filter(NotebookCell::isCode).toList();
    }

    /**
     * How long its last run took, from the first code cell's start to the last one's end, when every
     * code cell carries its execution times; empty when any has not run.
     */
    public java.util.Optional<java.time.Duration> runTime() {
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (NotebookCell cell : codeCells()) {
            if (cell.isBlank()) {
                continue;
            }
            java.util.Optional<java.time.Instant[]> times = cell.execution();
            if (times.isEmpty()) {
                return java.util.Optional.empty();
            }
            first = first == null || times.get()[0].isBefore(first) ? times.get()[0] : first;
            last = last == null || times.get()[1].isAfter(last) ? times.get()[1] : last;
        }
        return first == null ? java.util.Optional.empty() : java.util.Optional.of(java.time.Duration.between(first, last));
    }

    /** The notebook metadata object, live. */
    public JsonObject metadata() {
        return json.getAsJsonObject("metadata");
    }

    public void setKernelspec(JsonObject kernelspec) {
        metadata().add("kernelspec", kernelspec.deepCopy());
    }

    public void setLanguageInfo(JsonObject languageInfo) {
        metadata().add("language_info", languageInfo.deepCopy());
    }

    public int nbformat() {
        return json.get("nbformat").getAsInt();
    }

    public int nbformatMinor() {
        JsonElement minor = json.get("nbformat_minor");
        return minor == null ? 0 : minor.getAsInt();
    }

    /** The whole notebook JSON, live, with text as single strings. */
    public JsonObject json() {
        return json;
    }

    /** The file text Jupyter would write for this notebook. */
    public String toJupyterJson() {
        return NotebookFormat.format(json);
    }

    /** Writes atomically: a reader never sees half a notebook, and a failed write leaves the old file. */
    /**
     * A temporary file is private (rw-------); the notebook keeps the permissions it had, or gets
     * the usual rw-r--r-- when it is new, so replacing it does not hide it from other users.
     */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    public void write(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(temp, toJupyterJson(), StandardCharsets.UTF_8);
                keepPermissions(absolute, temp);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write notebook " + file + ": " + e.getMessage(), e);
        }
    }
}
