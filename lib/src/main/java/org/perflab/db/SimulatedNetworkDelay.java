package org.perflab.db;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.perflab.check.Require;

/**
 * A SIMULATED network distance: a fixed pause before every round trip a {@link StatementCounter}
 * sees, as if the database were further away. Use it to show what N+1 costs across a data-centre
 * (~0.5 ms) or a region (~20 ms) when the real server is on localhost; label the results as simulated.
 *
 * <p>Surprise: the pause is taken in the calling thread: {@code LockSupport.parkNanos} for all but
 * the last 250 us, which are spun (parking alone overshoots by 50 to 200 us on Linux, and more on
 * a busy machine), so each pause costs up to 250 us of CPU. The counter adds up the pause actually
 * taken, not the one asked for, in {@link StatementCounts#simulatedDelayNanos()}.
 */
public final class SimulatedNetworkDelay {

    public static final SimulatedNetworkDelay NONE = new SimulatedNetworkDelay(0);
    /** One second is already absurd for a round trip; larger values are a unit mistake. */
    public static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The last stretch of a pause is spun, not slept, so the pause ends on time. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final long delayNanos;

    private SimulatedNetworkDelay(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    public static SimulatedNetworkDelay perRoundTrip(Duration delay) {
        Require.between("simulated delay per round trip", delay, Duration.ZERO, Duration.ofNanos(MAX_DELAY_NANOS),
                "give a cross-zone or cross-region round trip, e.g. Duration.ofMillis(1)");
        long nanos = delay.toNanos();
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
        // Sleep most of the way, spin the rest: parkNanos alone wakes 50 to 200 us late on Linux,
        // which would add a fifth to every simulated millisecond and spoil the (N + 1) x RTT model.
        while (remaining > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
            remaining = deadline - System.nanoTime();
        }
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return System.nanoTime() - start;
    }

    @Override
    public String toString() {
        return delayNanos == 0 ? "no simulated delay"
                : String.format(java.util.Locale.ROOT, "SIMULATED %.3f ms per round trip", delayNanos / 1e6);
    }
}
