package org.perflab.kernel.client;

/** A kernel process could not be started, or started but never answered kernel_info_request. */
public class KernelStartException extends KernelException {

    public KernelStartException(String message) {
        super(message);
    }

    public KernelStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
