package org.perflab.kernel.client;

/**
 * Tells a waiting client whether the kernel is gone, so a wait ends with the reason instead of a
 * timeout. {@link KernelProcess} supplies one that checks the process and quotes its log.
 */
@FunctionalInterface
public interface KernelWatch {

    /** Never reports a death; used when the client did not start the kernel. */
    KernelWatch NONE = () -> null;

    /** @return why the kernel is gone (exit code, log tail), or {@code null} while it is alive */
    String deathNotice();
}
