package org.perflab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;

/**
 * The live counters of one run, written by many threads and read by the progress display and the
 * final result. Counters are {@link LongAdder}s because dozens of workers update them tens of
 * thousands of times per second and a contended {@code AtomicLong} would itself become a bottleneck
 * the measurement then reports.
 */
final class RunState {

    final LatencyRecorder recorder;
    final LongAdder issued = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder dropped = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LongAccumulator lastSendNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAccumulator lastFinishNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final long startNanos;

    RunState(LatencyRecorder recorder, long startNanos) {
        this.recorder = recorder;
        this.startNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    void requestIssued() {
        issued.increment();
        int now = inFlight.incrementAndGet();
        // Read first: the CAS loop only runs on a new maximum, which is rare after warm-up.
        if (now > maxInFlight.get()) {
            maxInFlight.accumulateAndGet(now, Math::max);
        }
    }

    /** The request is about to reach the target (it was not dropped). */
    void requestSent(long sendNanos) {
        lastSendNanos.accumulate(sendNanos);
    }

    void requestFinished(long finishNanos) {
        inFlight.decrementAndGet();
        lastFinishNanos.accumulate(finishNanos);
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Calls the target and counts the outcome; returns {@code true} on success. An interrupt
     * raised inside the target is re-asserted so the thread running the loop sees it.
     */
    boolean callTarget(Target target) {
        try {
            target.call();
            completed.increment();
            return true;
        } catch (InterruptedException e) {
            recordFailure(e);
            Thread.currentThread().interrupt();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            // Any other throwable, AssertionError included, is a failed request, not a dead worker:
            // a dead worker would leave its request in flight forever.
            recordFailure(t);
        }
        return false;
    }

    private void recordFailure(Throwable failure) {
        failed.increment();
        firstFailure.compareAndSet(null, failure);
    }

    /** Wall time from the start to the last finished request, but at least {@code plannedNanos}. */
    long elapsedNanos(long plannedNanos) {
        return Math.max(plannedNanos, sinceStart(lastFinishNanos.get()));
    }

    /**
     * Requests that reached the target per second of the send window: the planned window, or longer
     * if the last request was sent after it ended (the generator fell behind). The drain after the
     * last send is not part of it: how long the target takes to answer is latency, not rate.
     */
    double achievedRatePerSec(long plannedNanos) {
        long sendWindowNanos = Math.max(plannedNanos, sinceStart(lastSendNanos.get()));
        return perSec(completed.sum() + failed.sum(), sendWindowNanos);
    }

    /**
     * Requests the schedule itself placed in the planned window, per second. Equals the requested
     * rate for a constant schedule; a Poisson schedule's draws land a little above or below it.
     */
    double scheduledRatePerSec(long plannedNanos) {
        return perSec(issued.sum(), plannedNanos);
    }

    private long sinceStart(long nanos) {
        return nanos == Long.MIN_VALUE ? 0 : nanos - startNanos;
    }

    private static double perSec(long count, long nanos) {
        return nanos <= 0 ? 0 : count * (double) TimeUnit.SECONDS.toNanos(1) / nanos;
    }

    String progressLine(String generator, double requestedRatePerSec, long plannedNanos) {
        long elapsedNanos = System.nanoTime() - startNanos;
        String planned = plannedNanos == Long.MAX_VALUE ? "" : String.format(Locale.ROOT, " / %.1f s",
                plannedNanos / 1e9);
        String requested = Double.isNaN(requestedRatePerSec) ? ""
                : String.format(Locale.ROOT, " of %.0f req/s", requestedRatePerSec);
        return String.format(Locale.ROOT,
                "%s %.1f s%s: issued %d, completed %d, failed %d, late %d, dropped %d, in flight %d"
                        + " (max %d), achieved %.0f req/s%s",
                generator, elapsedNanos / 1e9, planned, issued.sum(), completed.sum(), failed.sum(), late.sum(),
                dropped.sum(), inFlight.get(), maxInFlight.get(), perSec(completed.sum() + failed.sum(), elapsedNanos),
                requested);
    }

    /**
     * The result; {@code plannedNanos} is the schedule's window (0 for a closed loop, which plans no
     * schedule and so reports no scheduled rate).
     */
    LoadResult toResult(String generator, String setup, double requestedRatePerSec, long plannedNanos,
                        List<String> warnings, boolean interrupted) {
        long elapsedNanos = elapsedNanos(plannedNanos);
        Histogram histogram = recorder.histogram();
        List<String> checked = new ArrayList<>(warnings);
        // Every issued request must end up counted exactly once; the rest are still running somewhere.
        long unaccounted = issued.sum() - completed.sum() - failed.sum() - dropped.sum();
        if (unaccounted > 0) {
            checked.add(unaccounted + " issued requests never finished (still queued when the run stopped, or their"
                    + " target calls ignored the interrupt and were abandoned): neither timed nor counted as failed");
        }
        boolean scheduled = plannedNanos > 0;
        // A closed loop's rate is one request per response (plus think time): count the last response.
        double achievedRatePerSec = scheduled ? achievedRatePerSec(plannedNanos)
                : perSec(completed.sum() + failed.sum(), elapsedNanos);
        return new LoadResult(generator, setup, requestedRatePerSec,
                scheduled ? scheduledRatePerSec(plannedNanos) : Double.NaN, achievedRatePerSec,
                completed.sum(), failed.sum(), late.sum(), dropped.sum(), maxInFlight.get(), elapsedNanos,
                LatencySummary.of(histogram), histogram, firstFailure.get(), checked, interrupted);
    }
}
