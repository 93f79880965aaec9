package org.perflab.scaling;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.perflab.load.Target;

/**
 * A request that only computes: a fixed number of rounds of an integer hash, calibrated once so that one
 * request takes about the asked time on one idle core. Two threads on two cores do twice the work; a third
 * thread only waits for a core, which is what a CPU-bound service does when it is given more workers than
 * the machine has cores.
 *
 * <p>The work is a fixed count of operations, not "spin until t": a time-based spin would keep a thread
 * busy for its full time even while descheduled, and hide the very contention the sweep measures.
 */
public final class CpuWork implements Target {

    /** Written after every request so the JIT cannot drop the loop as dead code. */
    private static volatile long sink;

    private final long rounds;
    private final Duration calibratedFor;

    private CpuWork(long rounds, Duration calibratedFor) {
        this.rounds = rounds;
        this.calibratedFor = calibratedFor;
    }

    /** Work of exactly {@code rounds} hash rounds (no calibration): for tests and for comparing machines. */
    public static CpuWork ofRounds(long rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        return new CpuWork(rounds, null);
    }

    /**
     * Work that takes about {@code perRequest} on one core of this machine: warms the loop up, then takes the
     * median of eleven timed runs to find the rounds per nanosecond.
     */
    public static CpuWork calibrated(Duration perRequest) {
        long targetNanos = perRequest.toNanos();
        if (targetNanos < 1_000 || targetNanos > 1_000_000_000L) {
            throw new IllegalArgumentException("perRequest must be between 1 µs and 1 s, was " + perRequest);
        }
        long probeRounds = 100_000;
        for (int i = 0; i < 200; i++) {
            sink = hash(probeRounds, i);
        }
        long[] nanos = new long[11];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            sink = hash(probeRounds, i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double roundsPerNano = probeRounds / (double) Math.max(1, nanos[nanos.length / 2]);
        return new CpuWork(Math.max(1, Math.round(roundsPerNano * targetNanos)), perRequest);
    }

    @Override
    public void call() {
        sink = hash(rounds, sink);
    }

    public long rounds() {
        return rounds;
    }

    /** A multiply-xorshift mix (the finalizer of SplitMix64): cheap, branch-free, not optimisable away. */
    private static long hash(long rounds, long seed) {
        long x = seed;
        for (long i = 0; i < rounds; i++) {
            x += 0x9E3779B97F4A7C15L;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            x ^= x >>> 31;
        }
        return x;
    }

    @Override
    public String toString() {
        return calibratedFor == null
                ? String.format(Locale.ROOT, "CPU work of %,d hash rounds", rounds)
                : String.format(Locale.ROOT, "CPU work of %,d hash rounds (about %.3f ms on one idle core)",
                rounds, calibratedFor.toNanos() / 1e6);
    }
}
