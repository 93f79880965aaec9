package org.perflab.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.perflab.charts.SeriesChart;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.load.Target;
import tech.tablesaw.plotly.components.Figure;

/**
 * Every request of a run, with when it was sent, how long it took and who answered: for the questions a
 * whole-run histogram cannot answer, such as how long errors went on after an instance died, or how long a
 * burst's queue took to drain. Wraps an {@link HttpLoadTarget} as the {@link Target} a generator drives; a
 * failed request is recorded and then thrown, so the generator counts it as failed too.
 *
 * <p>Times here are from the actual send; with an open-loop generator that kept to its schedule (its
 * result's {@code late} count near zero) that is also the intended send, and the generator's own result
 * holds the coordinated-omission-free percentiles of the whole run.
 */
public final class RequestTimeline implements Target {

    /** One request: sent {@code sentNanos} after the start, answered after {@code latencyNanos}. */
    public record Entry(long sentNanos, long latencyNanos, boolean succeeded, String instance) {
    }

    /** One slice of the run: requests sent in it, how many failed, and the successful ones' p99. */
    public record Bucket(double startSec, long requests, long errors, double p99Millis) {
    }

    private final HttpLoadTarget target;
    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private volatile long origin = System.nanoTime();

    public RequestTimeline(HttpLoadTarget target) {
        this.target = target;
    }

    /** Forgets earlier requests and makes now the run's time zero. */
    public RequestTimeline restart() {
        entries.clear();
        origin = System.nanoTime();
        return this;
    }

    /** Nanoseconds since {@link #restart()}: to note when something was done to the system during the run. */
    public long now() {
        return System.nanoTime() - origin;
    }

    @Override
    public void call() throws InterruptedException, HttpLoadTarget.RequestFailedException {
        long start = System.nanoTime();
        HttpLoadTarget.Outcome outcome = target.send();
        entries.add(new Entry(start - origin, System.nanoTime() - start, outcome.succeeded(), outcome.instance()));
        if (!outcome.succeeded()) {
            throw new HttpLoadTarget.RequestFailedException(outcome);
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Failed requests sent in [from, to). */
    public long errorsBetween(Duration from, Duration to) {
        return entries.stream().filter(e -> !e.succeeded() && within(e, from, to)).count();
    }

    /** Requests sent in [from, to). */
    public long requestsBetween(Duration from, Duration to) {
        return entries.stream().filter(e -> within(e, from, to)).count();
    }

    /** Milliseconds from {@code after} to the last failed request sent after it; empty when none failed. */
    public OptionalDouble lastErrorAfter(Duration after) {
        return entries.stream().filter(e -> !e.succeeded() && e.sentNanos() >= after.toNanos())
                .mapToDouble(e -> (e.sentNanos() - after.toNanos()) / 1e6).max();
    }

    /** Milliseconds from {@code after} to the first request sent after it that {@code instance} answered successfully. */
    public OptionalDouble firstAnsweredBy(String instance, Duration after) {
        return entries.stream().filter(e -> e.succeeded() && instance.equals(e.instance())
                        && e.sentNanos() >= after.toNanos())
                .mapToDouble(e -> (e.sentNanos() - after.toNanos()) / 1e6).min();
    }

    /** Latency of the successful requests sent in [from, to). */
    public LatencySummary latencyBetween(Duration from, Duration to) {
        LatencyRecorder recorder = LatencyRecorder.create();
        entries.stream().filter(e -> e.succeeded() && within(e, from, to)).forEach(e -> recorder.recordNanos(e.latencyNanos()));
        return recorder.summary();
    }

    /** The run cut into slices of {@code width}, from time zero to the last request sent. */
    public List<Bucket> buckets(Duration width) {
        long widthNanos = width.toNanos();
        if (widthNanos <= 0) {
            throw new IllegalArgumentException("bucket width must be positive, was " + width);
        }
        long last = entries.stream().mapToLong(Entry::sentNanos).max().orElse(0);
        List<Bucket> buckets = new ArrayList<>();
        for (long start = 0; start <= last; start += widthNanos) {
            Duration from = Duration.ofNanos(start);
            Duration to = Duration.ofNanos(start + widthNanos);
            LatencySummary latency = latencyBetween(from, to);
            buckets.add(new Bucket(start / 1e9, requestsBetween(from, to), errorsBetween(from, to),
                    latency.count() == 0 ? Double.NaN : latency.p99Millis()));
        }
        return buckets;
    }

    /**
     * Requests sent and requests failed per slice (left axis) and the successful requests' p99 per slice (right
     * axis) over the run, with the moments in {@code events} marked (label, time since the start).
     */
    public Figure chart(String title, Duration width, List<Event> events) {
        List<Bucket> buckets = buckets(width);
        double[] t = buckets.stream().mapToDouble(Bucket::startSec).toArray();
        SeriesChart.Builder chart = SeriesChart.builder(title, "time since start (s)")
                .left("requests per " + width.toMillis() + " ms")
                .right("p99 latency (ms)", false)
                .series("sent", t, buckets.stream().mapToDouble(Bucket::requests).toArray())
                .series("failed", t, buckets.stream().mapToDouble(Bucket::errors).toArray())
                .rightSeries("p99 of successful requests", t, buckets.stream()
                        .mapToDouble(b -> Double.isNaN(b.p99Millis()) ? 0 : b.p99Millis()).toArray());
        for (Event event : events) {
            chart.marker(event.label(), event.at().toNanos() / 1e9);
        }
        return chart.build();
    }

    /** Something done to the system during the run, for a chart's markers. */
    public record Event(String label, Duration at) {
    }

    private static boolean within(Entry entry, Duration from, Duration to) {
        return entry.sentNanos() >= from.toNanos() && entry.sentNanos() < to.toNanos();
    }

    @Override
    public String toString() {
        long failed = entries.stream().filter(e -> !e.succeeded()).count();
        return String.format(Locale.ROOT, "%d requests recorded, %d failed", entries.size(), failed);
    }
}
