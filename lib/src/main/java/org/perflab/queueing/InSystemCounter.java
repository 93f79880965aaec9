package org.perflab.queueing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.load.Target;

/**
 * Counts the requests inside a {@link Target} the way a person counts people in a shop: a separate
 * thread looks at the number inside every {@code interval} and writes it down. Because the count
 * is taken on its own, not computed from the completions that give throughput and latency, it
 * checks Little's law ({@link #littlesLaw()}) instead of restating it, and its samples draw the
 * queue over time.
 *
 * <p>Drive it like the target it wraps; {@link #close()} stops the counting thread (also when the
 * run failed).
 */
public final class InSystemCounter implements Target, AutoCloseable {

    /**
     * What one counted run says about Little's law.
     *
     * @param countedMean        the mean of the counts taken by the counting thread
     * @param throughputPerSec   completions per second of the counted window (λ)
     * @param meanTimeInSystemMs mean time from entering {@code call()} to leaving it (W)
     * @param counts             counts taken
     */
    public record Little(double countedMean, double throughputPerSec, double meanTimeInSystemMs, long counts) {
        /** λ × W: what Little's law says the count should average. */
        public double lambdaW() {
            return throughputPerSec * meanTimeInSystemMs / 1_000;
        }

        /** Counted L / (λ × W): 1 when the law holds and all three were measured right. */
        public double ratio() {
            return countedMean / lambdaW();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "counted %.3f requests inside on average (%d counts); λ = %.1f per s,"
                    + " W = %.3f ms, λW = %.3f", countedMean, counts, throughputPerSec, meanTimeInSystemMs, lambdaW());
        }
    }

    private final Target target;
    private final AtomicInteger inSystem = new AtomicInteger();
    private final LatencyRecorder timeInSystem = LatencyRecorder.create();
    private final AtomicInteger completed = new AtomicInteger();
    private final long intervalNanos;
    private final long startNanos;
    private final Thread counter;
    private volatile boolean counting = true;
    private long[] sampleNanos = new long[1024];
    private int[] sampleCounts = new int[1024];
    private int samples;
    private volatile long endNanos;

    private InSystemCounter(Target target, Duration interval) {
        this.target = Objects.requireNonNull(target, "target");
        this.intervalNanos = interval.toNanos();
        Require.that(intervalNanos >= 10_000, "interval", interval, ">= 10 µs",
                "count at most every 10 µs: the counting thread needs a core too");
        this.startNanos = System.nanoTime();
        this.counter = new Thread(this::count, "perflab-in-system-counter");
        counter.setDaemon(true);
        counter.start();
    }

    /** Starts counting at once, every {@code interval} (half a millisecond is fine for millisecond services). */
    public static InSystemCounter start(Target target, Duration interval) {
        return new InSystemCounter(target, interval);
    }

    @Override
    public void call() throws Exception {
        long start = System.nanoTime();
        inSystem.incrementAndGet();
        try {
            target.call();
            completed.incrementAndGet();
        } finally {
            inSystem.decrementAndGet();
            timeInSystem.recordNanos(System.nanoTime() - start);
        }
    }

    private void count() {
        long next = System.nanoTime();
        while (counting) {
            record(System.nanoTime() - startNanos, inSystem.get());
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();   // fell behind (a busy machine): count on, without catching up in a burst
            }
        }
    }

    private synchronized void record(long atNanos, int count) {
        if (samples == sampleNanos.length) {
            sampleNanos = Arrays.copyOf(sampleNanos, samples * 2);
            sampleCounts = Arrays.copyOf(sampleCounts, samples * 2);
        }
        sampleNanos[samples] = atNanos;
        sampleCounts[samples] = count;
        samples++;
    }

    /** Requests inside right now. */
    public int inSystem() {
        return inSystem.get();
    }

    /** Seconds since counting started, one per count. */
    public synchronized double[] sampleTimesSec() {
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            times[i] = sampleNanos[i] / 1e9;
        }
        return times;
    }

    /** The counts, in the order taken. */
    public synchronized int[] sampleCounts() {
        return Arrays.copyOf(sampleCounts, samples);
    }

    /** Stops counting and compares the mean count with λ × W over the counted window. */
    public Little littlesLaw() {
        close();
        double windowSec = (endNanos - startNanos) / 1e9;
        int[] counts = sampleCounts();
        double mean = Arrays.stream(counts).average().orElse(Double.NaN);
        return new Little(mean, completed.get() / windowSec, timeInSystem.summary().meanNanos() / 1e6, counts.length);
    }

    /** Stops the counting thread; idempotent. */
    @Override
    public void close() {
        if (counting) {
            counting = false;
            endNanos = System.nanoTime();
            try {
                counter.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
