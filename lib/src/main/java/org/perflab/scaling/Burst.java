package org.perflab.scaling;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.perflab.latency.LatencySummary;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import tech.tablesaw.plotly.components.Figure;

/**
 * A traffic spike on top of a steady load: a second open-loop generator adds {@code extraRatePerSec} for
 * {@code burstLength}, starting {@code burstAt} into the run. With headroom the spike fits in the spare
 * capacity and hardly shows; without it, a queue builds for the whole spike and takes a while to drain after
 * it, because only the spare capacity drains it.
 */
public final class Burst {

    /**
     * @param baseline     the steady generator's whole-run result
     * @param spike        the extra generator's result
     * @param before       latency of requests sent before the burst
     * @param during       latency of requests sent during the burst
     * @param after        latency of requests sent in the {@code burstLength} after it
     * @param recoveryMs   milliseconds after the burst until the first 100 ms slice whose p99 is back within twice
     *                     the p99 before it (0 when it never left); NaN when it had not recovered by the end
     */
    public record Result(String label, double baseRatePerSec, double extraRatePerSec, LoadResult baseline, LoadResult spike,
                         RequestTimeline timeline, Duration burstAt, Duration burstLength, LatencySummary before,
                         LatencySummary during, LatencySummary after, double recoveryMs) {

        public Figure chart(String title) {
            return timeline.chart(title, Duration.ofMillis(100), List.of(
                    new RequestTimeline.Event("burst starts", burstAt),
                    new RequestTimeline.Event("burst ends", burstAt.plus(burstLength))));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.0f requests/s plus %.0f for %d ms: p99 before %.2f ms, during %.2f ms,"
                            + " after %.2f ms; back to normal %.0f ms after the burst; %d failed",
                    label, baseRatePerSec, extraRatePerSec, burstLength.toMillis(), before.p99Millis(), during.p99Millis(),
                    after.p99Millis(), recoveryMs, baseline.failed() + spike.failed());
        }
    }

    private Burst() {
    }

    public static Result run(String label, HttpLoadTarget target, double baseRatePerSec, double extraRatePerSec,
                             Duration duration, Duration burstAt, Duration burstLength, long seed)
            throws LoadInterruptedException, InterruptedException {
        if (burstAt.plus(burstLength).plus(burstLength).compareTo(duration) > 0) {
            throw new IllegalArgumentException("the run must last past the burst by at least the burst's length, to see"
                    + " it drain; got duration " + duration + ", burst at " + burstAt + " for " + burstLength);
        }
        RequestTimeline timeline = new RequestTimeline(target);
        OpenLoopGenerator steady = OpenLoopGenerator.builder().target(timeline)
                .schedule(ArrivalSchedule.poisson(baseRatePerSec, seed)).duration(duration).workerThreads(256).build();
        OpenLoopGenerator extra = OpenLoopGenerator.builder().target(timeline)
                .schedule(ArrivalSchedule.poisson(extraRatePerSec, seed + 1)).duration(burstLength).workerThreads(256).build();
        ExecutorService spikeThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "perflab-burst");
            thread.setDaemon(true);
            return thread;
        });
        try {
            timeline.restart();
            Future<LoadResult> spike = spikeThread.submit(() -> {
                long wait = burstAt.toNanos() - timeline.now();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                return extra.run();
            });
            LoadResult baseline = steady.run();
            LoadResult spikeResult;
            try {
                spikeResult = spike.get(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the burst's generator failed: " + e.getCause(), e);
            }
            Duration end = burstAt.plus(burstLength);
            LatencySummary before = timeline.latencyBetween(Duration.ZERO, burstAt);
            LatencySummary during = timeline.latencyBetween(burstAt, end);
            LatencySummary after = timeline.latencyBetween(end, end.plus(burstLength));
            return new Result(label, baseRatePerSec, extraRatePerSec, baseline, spikeResult, timeline, burstAt, burstLength,
                    before, during, after, recovery(timeline, before, burstAt, end));
        } finally {
            spikeThread.shutdownNow();
        }
    }

    /** First 100 ms slice from the burst's start on, after its end, whose p99 is within twice the p99 before. */
    private static double recovery(RequestTimeline timeline, LatencySummary before, Duration start, Duration end) {
        double limit = 2 * before.p99Millis();
        boolean left = false;
        for (RequestTimeline.Bucket bucket : timeline.buckets(Duration.ofMillis(100))) {
            double bucketStart = bucket.startSec() * 1e3;
            if (bucketStart < start.toMillis()) {
                continue;
            }
            boolean normal = Double.isNaN(bucket.p99Millis()) || bucket.p99Millis() <= limit;
            left |= !normal;
            if (bucketStart >= end.toMillis() && normal) {
                return left ? bucketStart - end.toMillis() : 0;
            }
        }
        return Double.NaN;
    }
}
