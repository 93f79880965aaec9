package org.perflab.kernel.runner;

import java.util.List;
import java.util.stream.Collectors;

/** Why a notebook stopped at one of its cells, with what a reader needs to fix it. */
public final class NotebookCellFailure {

    public enum Kind {
        /** The cell raised an error, or its execute_reply said error or aborted. */
        ERROR,
        /** The cell ran longer than the per-cell timeout and was interrupted. */
        TIMEOUT,
        /** The cell ran, but a line of its output matched the runner's failOn predicate. */
        VERDICT,
        /** The kernel process exited while the cell ran. */
        KERNEL_DIED
    }

    private final Kind kind;
    private final int cellIndex;
    private final int cellCount;
    private final String cellId;
    private final String source;
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    NotebookCellFailure(Kind kind, NotebookCell cell, int cellCount, String ename, String evalue, List<String> traceback) {
        this.kind = kind;
        this.cellIndex = cell.index();
        this.cellCount = cellCount;
        this.cellId = cell.id();
        this.source = cell.source();
        this.ename = ename;
        this.evalue = Ansi.strip(evalue);
        this.traceback = traceback.stream().map(Ansi::strip).toList();
    }

    public Kind kind() {
        return kind;
    }

    /** Index among all cells of the notebook, from 0. */
    public int cellIndex() {
        return cellIndex;
    }

    public String cellId() {
        return cellId;
    }

    public String source() {
        return source;
    }

    /** Error name, e.g. {@code ZeroDivisionError}, {@code CellTimeoutError}, {@code VerdictFailed}. */
    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    /** Traceback lines without terminal colour codes. */
    public List<String> traceback() {
        return traceback;
    }

    /** One line: where and what. */
    public String summary() {
        return "cell " + (cellIndex + 1) + " of " + cellCount + " (index " + cellIndex + ", id " + cellId + ") "
                + switch (kind) {
                    case ERROR -> "raised ";
                    case TIMEOUT -> "timed out: ";
                    case VERDICT -> "printed a failing verdict: ";
                    case KERNEL_DIED -> "killed the kernel: ";
                } + ename + ": " + evalue;
    }

    /** The summary, the cell's source and the traceback, ready to print. */
    public String report() {
        String numbered = source.lines()
                .map(line -> "    " + line)
                .collect(Collectors.joining("\n"));
        StringBuilder text = new StringBuilder();
        text.append(summary()).append('\n');
        text.append("--- source of cell ").append(cellIndex + 1).append(" ---\n").append(numbered).append('\n');
        if (!traceback.isEmpty()) {
            text.append("--- traceback ---\n");
            for (String entry : traceback) {
                text.append(entry.endsWith("\n") ? entry : entry + "\n");
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
