package org.perflab.tracing;

/**
 * A block of code to trace that returns a value, such as a database read or a remote call.
 *
 * @param <T> the result
 * @param <E> what the block may throw, inferred from the lambda
 */
@FunctionalInterface
public interface Computation<T, E extends Exception> {

    T compute() throws E;
}
