package org.perflab.scaling;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

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
        if (cpu.isNegative()) {
            throw new IllegalArgumentException("cpu must not be negative, got " + cpu);
        }
        return String.format(Locale.ROOT, "/work?cpu_us=%d&%s=%s", cpu.toNanos() / 1_000, where.parameter, millis(wait));
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
                        millis(wait), where.description);
            }
        };
    }

    /**
     * Requests that wait {@code fast} most of the time and {@code slow} with probability {@code slowFraction}:
     * the "variable request durations" that separate balancing algorithms. Seeded, so a rerun draws the same
     * sequence; safe to call from many threads.
     */
    public static Supplier<String> bimodalWait(Duration fast, Duration slow, double slowFraction, WaitIn where, long seed) {
        if (!(slowFraction >= 0 && slowFraction <= 1)) {
            throw new IllegalArgumentException("slowFraction must be between 0 and 1, got " + slowFraction);
        }
        String fastPath = fixed(Duration.ZERO, fast, where);
        String slowPath = fixed(Duration.ZERO, slow, where);
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
                        millis(fast), millis(slow), slowFraction * 100, where.description);
            }
        };
    }

    private static String millis(Duration duration) {
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("waits are whole, non-negative milliseconds, got " + duration);
        }
        return Long.toString(duration.toMillis());
    }
}
