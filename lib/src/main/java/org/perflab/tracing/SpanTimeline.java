package org.perflab.tracing;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.perflab.check.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One trace laid out in time: every span as an offset from the trace's start and a duration, in
 * waterfall order (a parent before its children, siblings by start time). This is what the
 * waterfall chart draws and what "where did the time go" is answered from.
 *
 * <p>Surprise: children need not add up to their parent. Time between children is the parent's
 * own work; children that run in parallel overlap; an asynchronous child may end after its parent
 * (it is drawn past the end of the request, which no longer waits for it).
 *
 * @param traceId          the OpenTelemetry trace id
 * @param originEpochNanos when the earliest span started, epoch nanoseconds; every offset is from here
 * @param segments         the spans in waterfall order
 */
public record SpanTimeline(String traceId, long originEpochNanos, List<Segment> segments) {

    /**
     * One span of the trace.
     *
     * @param name              the span's name
     * @param spanId            its OpenTelemetry span id
     * @param parentSpanId      its parent's span id, or the invalid id (all zeros) for a root
     * @param depth             0 for a root, 1 for its children, and so on
     * @param startOffsetNanos  from the trace's origin to the span's start
     * @param durationNanos     from the span's start to its end
     * @param failed            whether the span ended with an error status
     */
    public record Segment(String name, String spanId, String parentSpanId, int depth, long startOffsetNanos,
                          long durationNanos, boolean failed) {

        public long endOffsetNanos() {
            return startOffsetNanos + durationNanos;
        }

        public double startOffsetMillis() {
            return startOffsetNanos / 1e6;
        }

        public double durationMillis() {
            return durationNanos / 1e6;
        }

        public double endOffsetMillis() {
            return endOffsetNanos() / 1e6;
        }
    }

    public SpanTimeline {
        Objects.requireNonNull(traceId, "traceId");
        segments = List.copyOf(segments);
        Require.that(!segments.isEmpty(), "segments", "none", "at least one span",
                "record a span before drawing its timeline");
    }

    /**
     * Lays out the spans of one trace. A span whose parent is not among them (a root, or a child
     * whose parent has not ended yet) is placed at depth 0.
     *
     * @throws IllegalArgumentException when {@code spans} is empty or mixes traces
     */
    public static SpanTimeline of(Collection<SpanData> spans) {
        Objects.requireNonNull(spans, "spans");
        Require.that(!spans.isEmpty(), "spans", "empty", "at least one finished span",
                "end the spans (close their scopes) before reading them");
        Set<String> traceIds = new HashSet<>();
        Map<String, SpanData> byId = new HashMap<>();
        for (SpanData span : spans) {
            traceIds.add(span.getTraceId());
            byId.put(span.getSpanId(), span);
        }
        if (traceIds.size() != 1) {
            throw new IllegalArgumentException("spans must all belong to one trace but came from " + traceIds.size()
                    + " traces; group them by getTraceId() first");
        }
        Map<String, List<SpanData>> children = new HashMap<>();
        List<SpanData> roots = new ArrayList<>();
        for (SpanData span : spans) {
            if (byId.containsKey(span.getParentSpanId())) {
                children.computeIfAbsent(span.getParentSpanId(), id -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        Comparator<SpanData> byStart = Comparator.comparingLong(SpanData::getStartEpochNanos);
        long origin = spans.stream().mapToLong(SpanData::getStartEpochNanos).min().orElseThrow();
        List<Segment> segments = new ArrayList<>();
        roots.sort(byStart);
        for (SpanData root : roots) {
            layOut(root, 0, origin, children, byStart, segments);
        }
        return new SpanTimeline(traceIds.iterator().next(), origin, segments);
    }

    private static void layOut(SpanData span, int depth, long origin, Map<String, List<SpanData>> children,
                               Comparator<SpanData> byStart, List<Segment> segments) {
        segments.add(new Segment(span.getName(), span.getSpanId(), span.getParentSpanId(), depth,
                span.getStartEpochNanos() - origin, span.getEndEpochNanos() - span.getStartEpochNanos(),
                span.getStatus().getStatusCode() == StatusCode.ERROR));
        List<SpanData> own = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
        own.sort(byStart);
        for (SpanData child : own) {
            layOut(child, depth + 1, origin, children, byStart, segments);
        }
    }

    /** The first root span: the request. */
    public Segment root() {
        return segments.get(0);
    }

    /** How long the request took: the root span's duration. */
    public long requestNanos() {
        return root().durationNanos();
    }

    public double requestMillis() {
        return requestNanos() / 1e6;
    }

    /** From the first start to the last end, including asynchronous work the request did not wait for. */
    public long extentNanos() {
        return segments.stream().mapToLong(Segment::endOffsetNanos).max().orElseThrow();
    }

    /** The summed duration of every span called {@code name}; 0 when there is none. */
    public long totalNanos(String name) {
        return segments.stream().filter(segment -> segment.name().equals(name))
                .mapToLong(Segment::durationNanos).sum();
    }

    public double totalMillis(String name) {
        return totalNanos(name) / 1e6;
    }

    /** {@link #totalNanos(String)} as a fraction of the request: 0.9 means 90% of the request's time. */
    public double shareOfRequest(String name) {
        return (double) totalNanos(name) / requestNanos();
    }

    /**
     * One row per span: {@code span} (indented by depth), {@code depth}, {@code start_ms},
     * {@code duration_ms}, {@code end_ms}, {@code share_of_request_pct}.
     */
    public Table toTable() {
        StringColumn span = StringColumn.create("span");
        IntColumn depth = IntColumn.create("depth");
        DoubleColumn start = DoubleColumn.create("start_ms");
        DoubleColumn duration = DoubleColumn.create("duration_ms");
        DoubleColumn end = DoubleColumn.create("end_ms");
        DoubleColumn share = DoubleColumn.create("share_of_request_pct");
        double requestNanos = requestNanos();
        for (Segment segment : segments) {
            span.append(indented(segment));
            depth.append(segment.depth());
            start.append(round3(segment.startOffsetMillis()));
            duration.append(round3(segment.durationMillis()));
            end.append(round3(segment.endOffsetMillis()));
            share.append(Math.round(1000 * segment.durationNanos() / requestNanos) / 10.0);
        }
        return Table.create("trace " + traceId.substring(0, Math.min(8, traceId.length())) + ": "
                + root().name(), span, depth, start, duration, end, share);
    }

    /** The span's name behind one marker per level, so nesting shows in a table and on a chart axis. */
    public static String indented(Segment segment) {
        return "· ".repeat(segment.depth()) + segment.name() + (segment.failed() ? " (error)" : "");
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
