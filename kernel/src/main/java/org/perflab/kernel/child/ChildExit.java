package org.perflab.kernel.child;

import java.time.Duration;

/**
 * How the child JVM ends once its kernel has gone or let it go. Shutdown hooks run first, for at most
 * {@link #HOOKS} (1.5 s): they are how the JDK and libraries clean up after themselves (Flight Recorder
 * deletes its repository under the temp folder, connection pools close). Then the JVM halts, so neither
 * a hook that hangs nor a cell that never stops can keep it alive.
 */
final class ChildExit {

    /** Below the kernel's grace before it kills the child ({@code ChildJvm.EXIT_GRACE}, 2 s). */
    static final Duration HOOKS = Duration.ofMillis(1_500);

    private ChildExit() {
    }

    static void end() {
        Thread exit = new Thread(() -> System.exit(0), "perflab-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(HOOKS.toMillis());
        } catch (InterruptedException e) {
            // Halt at once.
        }
        Runtime.getRuntime().halt(0);
    }
}
