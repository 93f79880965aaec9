package org.perflab.tracing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where the time of many traced requests went, span name by span name: how many traces had the
 * span, its duration distribution per trace (all spans of one name in a trace added up), and its
 * share of all request time. One slow request can mislead; a thousand rarely do.
 */
public final class SpanBreakdown {

    /**
     * One span name.
     *
     * @param name            the span name
     * @param traces          traces in which it occurred
     * @param perTrace        its summed duration per trace, in nanoseconds
     * @param shareOfRequests its total time over the total time of the requests (root spans) it
     *                        occurred in; 0.9 is 90%. Asynchronous spans can push this past 1.
     */
    public record Row(String name, long traces, LatencySummary perTrace, double shareOfRequests) {
    }

    private final List<Row> rows;
    private final long traceCount;

    private SpanBreakdown(List<Row> rows, long traceCount) {
        this.rows = List.copyOf(rows);
        this.traceCount = traceCount;
    }

    /** The breakdown of these traces; names appear in the order they first appear. */
    public static SpanBreakdown of(List<SpanTimeline> traces) {
        Objects.requireNonNull(traces, "traces");
        Map<String, LatencyRecorder> durations = new LinkedHashMap<>();
        Map<String, long[]> nameAndRequestNanos = new LinkedHashMap<>();
        Map<String, Long> occurrences = new LinkedHashMap<>();
        for (SpanTimeline trace : traces) {
            Map<String, Long> totals = new LinkedHashMap<>();
            for (SpanTimeline.Segment segment : trace.segments()) {
                totals.merge(segment.name(), segment.durationNanos(), Long::sum);
            }
            totals.forEach((name, nanos) -> {
                durations.computeIfAbsent(name, n -> LatencyRecorder.create()).recordNanos(nanos);
                long[] sums = nameAndRequestNanos.computeIfAbsent(name, n -> new long[2]);
                sums[0] += nanos;
                sums[1] += trace.requestNanos();
                occurrences.merge(name, 1L, Long::sum);
            });
        }
        List<Row> rows = new ArrayList<>();
        durations.forEach((name, recorder) -> {
            long[] sums = nameAndRequestNanos.get(name);
            rows.add(new Row(name, occurrences.get(name), recorder.summary(),
                    sums[1] == 0 ? 0 : (double) sums[0] / sums[1]));
        });
        return new SpanBreakdown(rows, traces.size());
    }

    public List<Row> rows() {
        return rows;
    }

    /** The traces this breakdown covers. */
    public long traceCount() {
        return traceCount;
    }

    /**
     * The row of one span name.
     *
     * @throws IllegalArgumentException when no trace had a span of that name
     */
    public Row row(String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no span named '" + name + "' in " + traceCount
                        + " traces; the names recorded are " + rows.stream().map(Row::name).toList()));
    }

    /**
     * One row per span name: {@code span, traces, mean_ms, p50_ms, p99_ms, max_ms,
     * share_of_request_pct}.
     */
    public Table toTable() {
        StringColumn span = StringColumn.create("span");
        LongColumn traces = LongColumn.create("traces");
        DoubleColumn mean = DoubleColumn.create("mean_ms");
        DoubleColumn p50 = DoubleColumn.create("p50_ms");
        DoubleColumn p99 = DoubleColumn.create("p99_ms");
        DoubleColumn max = DoubleColumn.create("max_ms");
        DoubleColumn share = DoubleColumn.create("share_of_request_pct");
        for (Row row : rows) {
            span.append(row.name());
            traces.append(row.traces());
            mean.append(round2(row.perTrace().meanMillis()));
            p50.append(round2(row.perTrace().p50Millis()));
            p99.append(round2(row.perTrace().p99Millis()));
            max.append(round2(row.perTrace().maxMillis()));
            share.append(Math.round(row.shareOfRequests() * 1000) / 10.0);
        }
        return Table.create("where the time went (" + traceCount + " traces)", span, traces, mean, p50, p99, max,
                share);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
