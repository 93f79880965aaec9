package org.perflab.db;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A SIMULATED network distance: a fixed pause before every round trip a {@link StatementCounter}
 * sees, as if the database were further away. Use it to show what N+1 costs across a data-centre
 * (~0.5 ms) or a region (~20 ms) when the real server is on localhost; label the results as simulated.
 *
 * <p>Surprise: the pause is taken in the calling thread with {@code LockSupport.parkNanos}, which
 * overshoots by tens of microseconds on most Linux machines; the counter adds up the pause actually
 * taken, not the one asked for, in {@link StatementCounts#simulatedDelayNanos()}.
 */
public final class SimulatedNetworkDelay {

    public static final SimulatedNetworkDelay NONE = new SimulatedNetworkDelay(0);
    /** One second is already absurd for a round trip; larger values are a unit mistake. */
    public static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long delayNanos;

    private SimulatedNetworkDelay(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    public static SimulatedNetworkDelay perRoundTrip(Duration delay) {
        long nanos = delay.toNanos();
        if (nanos < 0 || nanos > MAX_DELAY_NANOS) {
            throw new IllegalArgumentException("simulated delay per round trip must be between 0 and "
                    + Duration.ofNanos(MAX_DELAY_NANOS) + ", got " + delay);
        }
        return new SimulatedNetworkDelay(nanos);
    }

    public static SimulatedNetworkDelay perRoundTripMicros(long micros) {
        return perRoundTrip(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(micros)));
    }

    public long delayNanos() {
        return delayNanos;
    }

    /** Pauses for the delay and returns the nanoseconds actually paused. */
    long pause() {
        if (delayNanos == 0) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + delayNanos;
        long remaining = delayNanos;
        while (remaining > 0) {
            LockSupport.parkNanos(remaining);
            remaining = deadline - System.nanoTime();
        }
        return System.nanoTime() - start;
    }

    @Override
    public String toString() {
        return delayNanos == 0 ? "no simulated delay"
                : String.format(java.util.Locale.ROOT, "SIMULATED %.3f ms per round trip", delayNanos / 1e6);
    }
}
