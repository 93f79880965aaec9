package org.perflab.kernel.client;

/**
 * Base of every failure this client reports. Unchecked, because a notebook cell or a benchmark
 * loop can do nothing useful with a checked exception except rethrow it.
 */
public class KernelException extends RuntimeException {

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
