package org.perflab.scaling;

import java.time.Duration;

/**
 * Ends a {@link ServiceInstance}'s JVM once the process that started it has gone, so that even a notebook JVM
 * killed with SIGKILL leaves no instance behind: it polls the parent every {@link #POLL}, then exits, and halts
 * the JVM if stopping takes longer than {@link #STOP_GRACE}.
 */
final class ParentWatchdog {

    static final Duration POLL = Duration.ofMillis(500);
    /** How long a stop may take before the watchdog halts the JVM regardless. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private ParentWatchdog() {
    }

    /** Starts the watching daemon thread for instance {@code name}. */
    static void watch(String name, ProcessHandle parent) {
        Thread watch = new Thread(() -> {
            try {
                while (parent.isAlive()) {
                    Thread.sleep(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(name + ": parent process " + parent.pid() + " is gone; stopping");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(STOP_GRACE.toMillis());
                } catch (InterruptedException ignored) {
                    // Halt now then.
                }
                Runtime.getRuntime().halt(3);
            }, name + "-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(3);
        }, name + "-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
