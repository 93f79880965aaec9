package org.perflab.kernel.child;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code %timeit} runs in the child JVM: a warm-up, then timed samples recorded into an
 * HdrHistogram, printed as percentiles with the sample count. Code faster than a microsecond is
 * run in batches per sample so the cost of reading the clock does not dominate; each sample is the
 * batch time divided by its size.
 */
public final class Timeit {

    static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long CALIBRATION_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long MIN_SAMPLE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    static final int MAX_SAMPLES = 100_000;

    /** Values the timed code returns are folded in here so the JIT cannot discard the work. */
    private static volatile int sink;

    private Timeit() {
    }

    /** Times an expression; its value is consumed so the work is not optimised away. */
    public static Histogram measure(int warmups, int samples, Supplier<?> code) {
        return measureInternal(warmups, samples, () -> {
            Object value = code.get();
            sink += value == null ? 0 : System.identityHashCode(value);
        });
    }

    /** Times a statement or block. */
    public static Histogram measureStatement(int warmups, int samples, Runnable code) {
        return measureInternal(warmups, samples, code);
    }

    private static Histogram measureInternal(int warmups, int samples, Runnable code) {
        int batch = warmUp(warmups, code);
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        long deadline = System.nanoTime() + MEASURE_NANOS;
        int target = samples > 0 ? samples : MAX_SAMPLES;
        for (int i = 0; i < target; i++) {
            checkInterrupted();
            long start = System.nanoTime();
            for (int j = 0; j < batch; j++) {
                code.run();
            }
            long perRun = (System.nanoTime() - start) / batch;
            histogram.recordValue(Math.max(1, perRun));
            if (samples <= 0 && System.nanoTime() > deadline && i >= 9) {
                break;
            }
        }
        System.out.println(format(histogram, batch));
        return histogram;
    }

    /**
     * Runs the code until the JIT has seen it, then calibrates on warm code how many runs make one
     * sample: timing a 50 ns call one at a time would measure the clock, not the call.
     */
    private static int warmUp(int warmups, Runnable code) {
        long runs = 0;
        long deadline = System.nanoTime() + WARMUP_NANOS;
        while ((warmups > 0 && runs < warmups) || (warmups <= 0 && System.nanoTime() < deadline)) {
            checkInterrupted();
            code.run();
            runs++;
        }
        long calibrationRuns = 0;
        long start = System.nanoTime();
        long calibrationEnd = start + CALIBRATION_NANOS;
        long now;
        do {
            code.run();
            calibrationRuns++;
            now = System.nanoTime();
        } while (now < calibrationEnd && calibrationRuns < 1_000_000);
        long perRun = Math.max(1, (now - start) / calibrationRuns);
        return (int) Math.max(1, Math.min(1_000_000, MIN_SAMPLE_NANOS / perRun));
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("%timeit was interrupted");
        }
    }

    static String format(Histogram h, int batch) {
        return String.format(Locale.ROOT,
                "p50 %s, p90 %s, p99 %s, max %s per run (n=%d samples%s)",
                human(h.getValueAtPercentile(50)), human(h.getValueAtPercentile(90)),
                human(h.getValueAtPercentile(99)), human(h.getMaxValue()), h.getTotalCount(),
                batch > 1 ? " of " + batch + " runs each" : "");
    }

    static String human(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
