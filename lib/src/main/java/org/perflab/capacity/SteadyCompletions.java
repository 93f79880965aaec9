package org.perflab.capacity;

import org.perflab.load.Target;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A step's target, counting the responses that arrive in the step's steady part: from a quarter of the step to its
 * end. Over that part a service past its knee is busy throughout (its backlog outlasts the step), and one below it
 * completes what arrives, so completions / time is the step's throughput without the start (nothing completes
 * during the first service time) or the drain (fewer and fewer workers busy) pulling it down. The step must be a
 * few times longer than the target's latency, as a sweep's steps are.
 */
final class SteadyCompletions implements Target {

    private final Target target;
    private final long fromNanos;
    private final long toNanos;
    private final LongAdder completed = new LongAdder();

    /** Counts from now + a quarter of {@code step} to now + {@code step}: create it just before the step starts. */
    SteadyCompletions(Target target, Duration step) {
        this.target = target;
        long start = System.nanoTime();
        this.fromNanos = start + step.toNanos() / 4;
        this.toNanos = start + step.toNanos();
    }

    @Override
    public void call() throws Exception {
        target.call();
        long now = System.nanoTime();
        if (now >= fromNanos && now < toNanos) {
            completed.increment();
        }
    }

    /** Responses counted per second of the steady part. */
    double perSec() {
        return completed.sum() / ((toNanos - fromNanos) / 1e9);
    }
}
