package org.perflab.kernel.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The outcome of running one notebook. */
public final class NotebookResult {

    private final Path notebook;
    private final String failureSummary;
    private final NotebookCellFailure cellFailure;
    private final Duration wallTime;
    private final Duration kernelStartup;
    private final int codeCells;
    private final int cellsRun;
    private final Path writtenTo;
    private final VerdictCounts verdicts;
    private final String stoppedBecause;

    NotebookResult(Path notebook, String failureSummary, NotebookCellFailure cellFailure, Duration wallTime,
                   Duration kernelStartup, int codeCells, int cellsRun, Path writtenTo, VerdictCounts verdicts) {
        this(notebook, failureSummary, cellFailure, wallTime, kernelStartup, codeCells, cellsRun, writtenTo, verdicts, null);
    }

    NotebookResult(Path notebook, String failureSummary, NotebookCellFailure cellFailure, Duration wallTime,
                   Duration kernelStartup, int codeCells, int cellsRun, Path writtenTo, VerdictCounts verdicts,
                   String stoppedBecause) {
        this.notebook = notebook;
        this.failureSummary = failureSummary;
        this.cellFailure = cellFailure;
        this.wallTime = wallTime;
        this.kernelStartup = kernelStartup;
        this.codeCells = codeCells;
        this.cellsRun = cellsRun;
        this.writtenTo = writtenTo;
        this.verdicts = verdicts;
        this.stoppedBecause = stoppedBecause;
    }

    /**
     * Why a cell ended the notebook early and cleanly (it raised NotebookStopped: a newer JDK is
     * needed, say); empty when every cell ran. A stopped notebook has succeeded.
     */
    public Optional<String> stoppedBecause() {
        return Optional.ofNullable(stoppedBecause);
    }

    public Path notebook() {
        return notebook;
    }

    public boolean succeeded() {
        return failureSummary == null;
    }

    /** Why the notebook failed, in one line; empty when it succeeded. */
    public Optional<String> failureSummary() {
        return Optional.ofNullable(failureSummary);
    }

    /** The failing cell; empty on success and when the notebook failed before any cell (unreadable, kernel start). */
    public Optional<NotebookCellFailure> cellFailure() {
        return Optional.ofNullable(cellFailure);
    }

    /** Everything: reading, kernel start, all cells, kernel shutdown, writing. */
    public Duration wallTime() {
        return wallTime;
    }

    /** Cold start of this notebook's kernel; zero if it never became ready. */
    public Duration kernelStartup() {
        return kernelStartup;
    }

    public int codeCells() {
        return codeCells;
    }

    /** Code cells sent to the kernel (blank cells are skipped, cells after a failure are not run). */
    public int cellsRun() {
        return cellsRun;
    }

    public Optional<Path> writtenTo() {
        return Optional.ofNullable(writtenTo);
    }

    /** The verdict lines (PASS, FAIL, INCONCLUSIVE) the cells that ran printed. */
    public VerdictCounts verdicts() {
        return verdicts;
    }

    /** "ok", "stopped: <why>" or "FAILED". */
    public String outcome() {
        if (!succeeded()) {
            return "FAILED";
        }
        return stoppedBecause == null ? "ok" : "stopped: " + stoppedBecause;
    }

    @Override
    public String toString() {
        return notebook + ": " + (succeeded() ? outcome() : "FAILED, " + failureSummary) + " in "
                + wallTime.toMillis() + " ms";
    }
}
