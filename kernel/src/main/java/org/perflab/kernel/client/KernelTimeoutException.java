package org.perflab.kernel.client;

import java.time.Duration;

/** A reply, an iopub message or a heartbeat did not arrive in time. The kernel may still be working. */
public class KernelTimeoutException extends KernelException {

    private final Duration timeout;

    public KernelTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    /** The time limit that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
