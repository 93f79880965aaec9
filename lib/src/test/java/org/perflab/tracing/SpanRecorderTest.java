package org.perflab.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpanRecorderTest {

    /** A clock that moves only when told to, so every duration is exact. */
    static final class ManualClock implements Clock {
        private static final long EPOCH_NANOS = 1_700_000_000_000_000_000L;
        private final AtomicLong nanos = new AtomicLong();

        void advanceMillis(long millis) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        @Override
        public long now() {
            return EPOCH_NANOS + nanos.get();
        }

        @Override
        public long nanoTime() {
            return nanos.get();
        }
    }

    private final ManualClock clock = new ManualClock();

    /** A request of 10 ms: 1 ms own work, a 3 ms query, 1 ms, a 5 ms log call. */
    private void request(SpanRecorder spans) {
        spans.inSpan("GET /products/{id}", () -> {
            clock.advanceMillis(1);
            String row = spans.inSpan("db.query", () -> {
                clock.advanceMillis(3);
                return "row";
            });
            assertEquals("row", row);
            clock.advanceMillis(1);
            spans.inSpan("log.remote", () -> clock.advanceMillis(5));
        });
    }

    @Test
    void childrenNestUnderTheirParentWithExactOffsetsAndDurations() {
        try (SpanRecorder spans = SpanRecorder.builder().clock(clock).build()) {
            request(spans);
            List<SpanData> finished = spans.finishedSpans();
            assertEquals(3, finished.size());
            SpanData root = finished.get(2);
            SpanData query = finished.get(0);
            SpanData log = finished.get(1);
            assertEquals("GET /products/{id}", root.getName());
            assertEquals(SpanId.getInvalid(), root.getParentSpanId());
            assertEquals(root.getSpanId(), query.getParentSpanId());
            assertEquals(root.getSpanId(), log.getParentSpanId());
            assertEquals(root.getTraceId(), query.getTraceId());

            SpanTimeline timeline = spans.lastTrace();
            assertEquals(List.of("GET /products/{id}", "db.query", "log.remote"),
                    timeline.segments().stream().map(SpanTimeline.Segment::name).toList());
            assertEquals(List.of(0, 1, 1), timeline.segments().stream().map(SpanTimeline.Segment::depth).toList());
            assertEquals(10.0, timeline.requestMillis(), 0);
            assertEquals(1.0, timeline.segments().get(1).startOffsetMillis(), 0);
            assertEquals(5.0, timeline.segments().get(2).startOffsetMillis(), 0);
            // The children account for 8 of the 10 ms; the other 2 are the handler's own work.
            long children = timeline.totalNanos("db.query") + timeline.totalNanos("log.remote");
            assertEquals(TimeUnit.MILLISECONDS.toNanos(8), children);
            assertEquals(0.5, timeline.shareOfRequest("log.remote"), 1e-12);
            assertEquals(3, timeline.toTable().rowCount());
            assertEquals("· db.query", timeline.toTable().getString(1, "span"));
        }
    }

    @Test
    void aBreakdownAddsUpManyRequests() {
        try (SpanRecorder spans = SpanRecorder.builder().clock(clock).build()) {
            for (int i = 0; i < 4; i++) {
                request(spans);
            }
            assertEquals(4, spans.traces().size());
            SpanBreakdown breakdown = spans.breakdown();
            assertEquals(4, breakdown.traceCount());
            assertEquals(4, breakdown.row("log.remote").traces());
            assertEquals(5.0, breakdown.row("log.remote").perTrace().meanMillis(), 0.01);
            assertEquals(0.5, breakdown.row("log.remote").shareOfRequests(), 1e-9);
            assertEquals(1.0, breakdown.row("GET /products/{id}").shareOfRequests(), 1e-9);
            assertEquals(3, breakdown.toTable().rowCount());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> breakdown.row("cache.get"));
            assertTrue(missing.getMessage().contains("db.query"), missing.getMessage());

            spans.reset();
            assertTrue(spans.traces().isEmpty());
            assertThrows(IllegalStateException.class, spans::lastTrace);
        }
    }

    @Test
    void aFailedBlockMarksItsSpanAndRethrowsTheSameException() {
        try (SpanRecorder spans = SpanRecorder.builder().clock(clock).build()) {
            IOException thrown = assertThrows(IOException.class, () -> spans.inSpan("log.remote", () -> {
                throw new IOException("sink down");
            }));
            assertEquals("sink down", thrown.getMessage());
            SpanTimeline timeline = spans.lastTrace();
            assertTrue(timeline.root().failed());
            assertEquals("log.remote (error)", SpanTimeline.indented(timeline.root()));
        }
    }

    @Test
    void workHandedToAnotherThreadKeepsItsParentWhenWrapped() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SpanRecorder spans = SpanRecorder.create()) {
            spans.inSpan("request", () -> {
                pool.submit(spans.withCurrentSpan(() -> spans.inSpan("async.log", () -> { }))).get();
                pool.submit(() -> spans.inSpan("unwrapped", () -> { })).get();
            });
            List<SpanData> finished = spans.finishedSpans();
            SpanData async = finished.stream().filter(s -> s.getName().equals("async.log")).findFirst().orElseThrow();
            SpanData unwrapped = finished.stream().filter(s -> s.getName().equals("unwrapped")).findFirst().orElseThrow();
            SpanData request = finished.stream().filter(s -> s.getName().equals("request")).findFirst().orElseThrow();
            assertEquals(request.getSpanId(), async.getParentSpanId());
            assertFalse(unwrapped.getParentSpanContext().isValid(), "a bare task starts a trace of its own");
            assertEquals(2, spans.traces().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTimelineRefusesSpansOfSeveralTraces() {
        try (SpanRecorder spans = SpanRecorder.builder().clock(clock).build()) {
            spans.inSpan("one", () -> clock.advanceMillis(1));
            spans.inSpan("two", () -> clock.advanceMillis(1));
            IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                    () -> SpanTimeline.of(spans.finishedSpans()));
            assertTrue(mixed.getMessage().contains("2 traces"), mixed.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SpanTimeline.of(List.of()));
            assertThrows(IllegalArgumentException.class, () -> spans.inSpan(" ", () -> { }));
        }
    }
}
