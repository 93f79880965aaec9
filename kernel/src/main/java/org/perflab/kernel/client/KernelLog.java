package org.perflab.kernel.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a launched kernel's stdout and stderr go. A log file lets a start failure quote the
 * kernel's last words; inheriting shows them live but leaves nothing to quote.
 */
public final class KernelLog {

    private final Path file;
    private final boolean inherit;

    private KernelLog(Path file, boolean inherit) {
        this.file = file;
        this.inherit = inherit;
    }

    /** A new temp file per kernel, deleted when the kernel closes cleanly and kept when it failed. */
    public static KernelLog tempFile() {
        return new KernelLog(null, false);
    }

    /** Appends to {@code file}, which is kept. */
    public static KernelLog file(Path file) {
        return new KernelLog(Objects.requireNonNull(file, "file"), false);
    }

    /** The kernel writes to this process's stdout and stderr. */
    public static KernelLog inherit() {
        return new KernelLog(null, true);
    }

    boolean inherits() {
        return inherit;
    }

    /** The fixed file, if one was given. */
    Optional<Path> fixedFile() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return inherit ? "inherit" : file == null ? "temp file" : file.toString();
    }
}
