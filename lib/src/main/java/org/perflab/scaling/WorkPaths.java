package org.perflab.scaling;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.perflab.check.Require;

/**
 * The request paths a load generator sends to a {@link ServiceInstance}'s {@code /work} endpoint: how much
 * CPU each request asks for, and how long it waits and where.
 */
public final class WorkPaths {

    /** Where a request's wait happens. */
    public enum WaitIn {
        /** {@code SELECT pg_sleep} on the fleet's shared PostgreSQL, through the instance's pool ({@code db_ms}). */
        DATABASE("db_ms", "in PostgreSQL (pg_sleep)"),
        /** {@code Thread.sleep} in the handler ({@code sleep_ms}): for a fleet without a database; SIMULATED I/O. */
        HANDLER("sleep_ms", "in the handler (SIMULATED I/O: no database configured for the fleet)");

        private final String parameter;
        private final String description;

        WaitIn(String parameter, String description) {
            this.parameter = parameter;
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private WorkPaths() {
    }

    /** Every request the same: {@code cpu} of thread CPU time, then {@code wait} where {@code where} says. */
    public static String fixed(Duration cpu, Duration wait, WaitIn where) {
        return path(cpu, "wait", wait, where);
    }

    /** The path {@link #fixed} gives, a rejection naming the wait as the public method's parameter {@code waitName}. */
    private static String path(Duration cpu, String waitName, Duration wait, WaitIn where) {
        Require.nonNegative("cpu", cpu, "use Duration.ZERO for a request that asks for no CPU");
        Require.notNull("where", where, "pick WaitIn.DATABASE or WaitIn.HANDLER");
        return String.format(Locale.ROOT, "/work?cpu_us=%d&%s=%s", cpu.toNanos() / 1_000, where.parameter,
                millis(waitName, wait));
    }

    /** {@link #fixed} as the per-request path source a {@link HttpLoadTarget} or {@link FleetSweep} takes. */
    public static Supplier<String> constant(Duration cpu, Duration wait, WaitIn where) {
        String path = fixed(cpu, wait, where);
        return new Supplier<>() {
            @Override
            public String get() {
                return path;
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "/work with %d µs of CPU and a wait of %s ms %s", cpu.toNanos() / 1_000,
                        millis("wait", wait), where.description);
            }
        };
    }

    /**
     * Requests that wait {@code fast} most of the time and {@code slow} with probability {@code slowFraction}:
     * the "variable request durations" that separate balancing algorithms. Seeded, so a rerun draws the same
     * sequence; safe to call from many threads.
     */
    public static Supplier<String> bimodalWait(Duration fast, Duration slow, double slowFraction, WaitIn where, long seed) {
        Require.between("slowFraction", slowFraction, 0, 1, "give the share of slow requests, e.g. 0.1 for one in ten");
        String fastPath = path(Duration.ZERO, "fast", fast, where);
        String slowPath = path(Duration.ZERO, "slow", slow, where);
        SplittableRandom random = new SplittableRandom(seed);
        return new Supplier<>() {
            @Override
            public String get() {
                double draw;
                synchronized (random) {
                    draw = random.nextDouble();
                }
                return draw < slowFraction ? slowPath : fastPath;
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "/work waiting %s ms, or %s ms for %.0f%% of requests, %s",
                        millis("fast", fast), millis("slow", slow), slowFraction * 100, where.description);
            }
        };
    }

    /** A wait as the instance's {@code db_ms} and {@code sleep_ms} take it: whole milliseconds, zero or more. */
    private static String millis(String name, Duration duration) {
        Require.nonNegative(name, duration, "use Duration.ZERO for no wait");
        Require.that(duration.toNanosPart() % 1_000_000 == 0, name, duration,
                "whole milliseconds (the instance waits in whole ms)",
                "write Duration.ofMillis(" + Math.max(1, Math.round(duration.toNanos() / 1e6)) + ")");
        return Long.toString(duration.toMillis());
    }
}
