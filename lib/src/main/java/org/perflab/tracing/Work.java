package org.perflab.tracing;

/**
 * A block of code to trace or profile that returns nothing. The exception type is inferred from
 * the lambda, so a block that throws nothing needs no {@code try}, and one that throws
 * {@code IOException} passes exactly that to the caller.
 *
 * @param <E> what the block may throw
 */
@FunctionalInterface
public interface Work<E extends Exception> {

    void run() throws E;
}
