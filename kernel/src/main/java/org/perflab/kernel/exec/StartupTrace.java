package org.perflab.kernel.exec;

import java.lang.management.ManagementFactory;

/**
 * Prints the kernel's start-up phases to stderr, in milliseconds since the JVM started, when
 * PERFLAB_TRACE_STARTUP is set: the figures behind the cold-start benchmark.
 */
public final class StartupTrace {

    private static final boolean ENABLED = System.getenv("PERFLAB_TRACE_STARTUP") != null;

    private StartupTrace() {
    }

    private static final boolean CELLS = System.getenv("PERFLAB_TRACE_CELLS") != null;

    /** With PERFLAB_TRACE_CELLS set, prints how long one phase of a cell took. */
    public static void phase(String phase, long startNanos) {
        if (CELLS) {
            System.err.printf("[perflab cell] %s: %.2f ms%n", phase, (System.nanoTime() - startNanos) / 1e6);
        }
    }

    public static void mark(String phase) {
        if (ENABLED) {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("[perflab startup] " + sinceStart + " ms: " + phase);
        }
    }
}
