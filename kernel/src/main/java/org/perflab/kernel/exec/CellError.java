package org.perflab.kernel.exec;

import java.util.List;

/**
 * Why a cell failed, in the shape of a Jupyter error: {@code ename} is the real exception class (or
 * {@code CompilationException}, {@code Interrupted}, {@code JvmLost}), {@code evalue} its message,
 * and the traceback the lines a frontend prints.
 */
public final class CellError extends Exception {

    public static final String COMPILATION = "CompilationException";
    public static final String INTERRUPTED = "Interrupted";
    public static final String JVM_LOST = "JvmLost";

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    public CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** The error of a cell that was interrupted; the session survives it. */
    static CellError interrupted() {
        String message = "the cell was interrupted; variables defined before it are kept";
        return new CellError(INTERRUPTED, message, List.of(INTERRUPTED + ": " + message));
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    public List<String> traceback() {
        return traceback;
    }
}
