package org.perflab.kernel.runner;

/** A file is not a notebook this runner can read: not JSON, not nbformat 4, or structurally broken. */
public class NotebookFormatException extends RuntimeException {

    public NotebookFormatException(String message) {
        super(message);
    }

    public NotebookFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
