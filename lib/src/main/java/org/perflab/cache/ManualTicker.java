package org.perflab.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import org.perflab.check.Require;

import java.time.Duration;

/**
 * A clock that moves only when told, for Caffeine's expiry: an experiment replays a day of reads
 * and writes in a second, and expiry follows the replayed time, not the wall clock. Thread-safe.
 */
public final class ManualTicker implements Ticker {

    private volatile long nanos;

    @Override
    public long read() {
        return nanos;
    }

    /** Moves the clock to {@code timeNanos}; it never moves backwards. */
    public synchronized void setNanos(long timeNanos) {
        if (timeNanos < nanos) {
            throw new IllegalArgumentException("time must not go backwards: at " + nanos + " ns, asked for "
                    + timeNanos + " ns");
        }
        nanos = timeNanos;
    }

    public synchronized void advance(Duration duration) {
        Require.nonNegative("duration", duration, "a clock only moves forward: give Duration.ZERO or longer");
        nanos += duration.toNanos();
    }

    @Override
    public String toString() {
        return "ManualTicker[" + Duration.ofNanos(nanos) + "]";
    }
}
