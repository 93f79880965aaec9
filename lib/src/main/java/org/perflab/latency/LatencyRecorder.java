package org.perflab.latency;

import java.time.Duration;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.perflab.check.Require;

/**
 * Records latencies in nanoseconds from any number of threads and summarizes them on demand.
 *
 * <p>Recording goes through HdrHistogram's {@link Recorder}: writers are wait-free (no lock, no
 * allocation), so timing a request never blocks on a reader. Reading ({@link #histogram()},
 * {@link #summary()}) swaps the recorder's interval histogram into a cumulative one under a lock;
 * readers may run while writers record, and no value is lost or counted twice.
 *
 * <p>Histograms auto-resize, so any non-negative latency fits; precision is fixed by the number of
 * significant digits (default three: every value within 0.1%).
 *
 * <p>Coordinated omission: with {@link Builder#correctForCoordinatedOmission(Duration)}, every value
 * larger than the expected interval also records the values the requests that <em>should</em> have
 * been sent during that time would have seen (HdrHistogram's {@code recordValueWithExpectedInterval}).
 * Use it for a closed-loop measurement that was meant to send at a fixed interval; an open-loop
 * measurement that times from the intended start needs no correction.
 */
public final class LatencyRecorder {

    /** Three significant digits: every recorded value within 0.1%, HdrHistogram's usual choice. */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 3;

    private final int significantDigits;
    private final long expectedIntervalNanos;
    private final Recorder recorder;
    private final Histogram cumulative;
    private Histogram interval;

    private LatencyRecorder(Builder builder) {
        this.significantDigits = builder.significantDigits;
        this.expectedIntervalNanos = builder.expectedIntervalNanos;
        this.recorder = new Recorder(significantDigits);
        this.cumulative = new Histogram(significantDigits);
    }

    /** A recorder with three significant digits and no coordinated-omission correction. */
    public static LatencyRecorder create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one latency. When the recorder corrects for coordinated omission, a value larger
     * than the expected interval also records the back-filled values.
     *
     * @throws IllegalArgumentException if {@code latencyNanos} is negative (a clock that went
     *                                  backwards, or a start and end from different clocks)
     */
    public void recordNanos(long latencyNanos) {
        requireNonNegative(latencyNanos);
        if (expectedIntervalNanos > 0) {
            recorder.recordValueWithExpectedInterval(latencyNanos, expectedIntervalNanos);
        } else {
            recorder.recordValue(latencyNanos);
        }
    }

    public void record(Duration latency) {
        recordNanos(latency.toNanos());
    }

    /**
     * Records one latency and back-fills, for a value larger than {@code expectedIntervalNanos},
     * the latencies of the requests a fixed-interval sender would have issued meanwhile:
     * {@code value - interval}, {@code value - 2 x interval}, ... down to the interval.
     */
    public void recordNanosWithExpectedInterval(long latencyNanos, long expectedIntervalNanos) {
        requireNonNegative(latencyNanos);
        Require.atLeast("expectedIntervalNanos", expectedIntervalNanos, 1,
                "give the interval at which requests were meant to start, e.g. 1_000_000 for 1,000 per second");
        recorder.recordValueWithExpectedInterval(latencyNanos, expectedIntervalNanos);
    }

    /** A copy of everything recorded since creation or the last {@link #reset()}, in nanoseconds. */
    public synchronized Histogram histogram() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }

    public LatencySummary summary() {
        return LatencySummary.of(histogram());
    }

    public PercentileSpectrum percentileSpectrum() {
        return PercentileSpectrum.of(histogram());
    }

    /** Forgets everything recorded so far; values recorded concurrently may land on either side. */
    public synchronized void reset() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.reset();
    }

    /** The expected interval in nanoseconds when correcting for coordinated omission, else 0. */
    public long expectedIntervalNanos() {
        return expectedIntervalNanos;
    }

    public int significantDigits() {
        return significantDigits;
    }

    private static void requireNonNegative(long latencyNanos) {
        Require.atLeast("latencyNanos", latencyNanos, 0, "take both timestamps from System.nanoTime() on one clock");
    }

    /** Configures a {@link LatencyRecorder}; every option has a usable default. */
    public static final class Builder {
        private int significantDigits = DEFAULT_SIGNIFICANT_DIGITS;
        private long expectedIntervalNanos;

        private Builder() {
        }

        /** 1 to 5; each digit multiplies memory by about ten. Default 3. */
        public Builder significantDigits(int digits) {
            this.significantDigits = Require.between("significantDigits", digits, 1, 5,
                    "give 3 (0.1% resolution) unless you need more; each digit multiplies memory by about ten");
            return this;
        }

        /**
         * Makes {@link #recordNanos} correct for coordinated omission, assuming requests were meant
         * to start every {@code expectedInterval}.
         */
        public Builder correctForCoordinatedOmission(Duration expectedInterval) {
            this.expectedIntervalNanos = Require.positive("expectedInterval", expectedInterval,
                    "give the interval at which requests were meant to start, e.g. Duration.ofMillis(1)").toNanos();
            return this;
        }

        public LatencyRecorder build() {
            return new LatencyRecorder(this);
        }
    }
}
