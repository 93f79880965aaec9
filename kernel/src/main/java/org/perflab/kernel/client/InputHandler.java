package org.perflab.kernel.client;

/**
 * Answers a kernel's input_request (Python's {@code input()}, a Java {@code Scanner} on stdin).
 * Called on the client's socket thread: answer quickly, do not block on a human for minutes.
 */
@FunctionalInterface
public interface InputHandler {

    /** Answers an empty line: the kernel gets EOF-like input instead of waiting forever. */
    InputHandler EMPTY_LINE = (prompt, password) -> "";

    String answer(String prompt, boolean password);
}
