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

    public static void mark(String phase) {
        if (ENABLED) {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("[perflab startup] " + sinceStart + " ms: " + phase);
        }
    }
}
