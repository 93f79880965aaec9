package org.perflab.env;

/**
 * Thrown by a cell to end its notebook here, cleanly: the notebook needs something this machine does
 * not have (a newer JDK, say). In Jupyter it shows as the cell's error with the reason, and "Run All"
 * stops there as it does at any error; the workbook's runner reports the notebook as stopped, with
 * the reason, rather than failed, and runs the next one.
 */
public final class NotebookStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotebookStopped(String reason) {
        // No stack trace: the reason says everything, and a trace would read like a crash.
        super(reason, null, false, false);
    }
}
