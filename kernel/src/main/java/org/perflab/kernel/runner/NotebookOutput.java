package org.perflab.kernel.runner;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run writes the executed notebook. By default only a successful run writes, so a failed
 * run never replaces good outputs with half a notebook; {@link #withPartialResults()} writes
 * anyway, with the cells after the failure cleared.
 */
public final class NotebookOutput {

    private enum Mode { NONE, IN_PLACE, FILE, DIRECTORY }

    private final Mode mode;
    private final Path path;
    private final boolean partialResults;

    private NotebookOutput(Mode mode, Path path, boolean partialResults) {
        this.mode = mode;
        this.path = path;
        this.partialResults = partialResults;
    }

    /** Run only, write nothing: a check. */
    public static NotebookOutput none() {
        return new NotebookOutput(Mode.NONE, null, false);
    }

    public static NotebookOutput inPlace() {
        return new NotebookOutput(Mode.IN_PLACE, null, false);
    }

    public static NotebookOutput toFile(Path file) {
        return new NotebookOutput(Mode.FILE, Objects.requireNonNull(file, "file"), false);
    }

    /** Writes {@code directory/<notebook file name>}. */
    public static NotebookOutput toDirectory(Path directory) {
        return new NotebookOutput(Mode.DIRECTORY, Objects.requireNonNull(directory, "directory"), false);
    }

    /** Also write when the run failed. */
    public NotebookOutput withPartialResults() {
        return new NotebookOutput(mode, path, true);
    }

    public boolean writesPartialResults() {
        return partialResults;
    }

    /** Where the notebook read from {@code input} is written; empty for {@link #none()}. */
    public Optional<Path> destinationFor(Path input) {
        return switch (mode) {
            case NONE -> Optional.empty();
            case IN_PLACE -> Optional.of(input);
            case FILE -> Optional.of(path);
            case DIRECTORY -> Optional.of(path.resolve(input.getFileName()));
        };
    }

    @Override
    public String toString() {
        return mode + (path == null ? "" : " " + path) + (partialResults ? " (partial results too)" : "");
    }
}
