package org.perflab.kernel.client;

/**
 * The kernel process exited while the client was waiting for it. The message carries the exit
 * code and the tail of the kernel's log when the client knows the process.
 */
public class KernelDiedException extends KernelException {

    public KernelDiedException(String message) {
        super(message);
    }
}
