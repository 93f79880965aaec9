package org.perflab.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.perflab.check.Require;

/**
 * Splits a request's time into named parts with OpenTelemetry spans, and keeps every finished span
 * in memory so a notebook can draw the waterfall of one request or tabulate where the time of many
 * went.
 *
 * <pre>{@code
 * SpanRecorder spans = SpanRecorder.create();
 * spans.inSpan("GET /products/{id}", () -> {
 *     Product product = spans.inSpan("db.query", () -> db.find(id));
 *     spans.inSpan("log.remote", () -> logSink.send(product));
 * });
 * spans.lastTrace().toTable();
 * }</pre>
 *
 * <p>A span started inside another's block becomes its child (the OpenTelemetry context follows
 * the thread). Work handed to another thread keeps its parent only if the task carries the
 * context: wrap it with {@link #withCurrentSpan(Runnable)}.
 *
 * <p>Spans use the real OpenTelemetry SDK with every span sampled and exported synchronously as it
 * ends, which costs a few microseconds per span: fine for requests measured in milliseconds, not
 * for timing a loop body. Durations come from {@link System#nanoTime()} through the SDK's clock,
 * injectable with {@link Builder#clock(Clock)} for tests.
 *
 * <p>Call {@link #close()} when done; spans still open then are dropped.
 */
public final class SpanRecorder implements AutoCloseable {

    public static final String DEFAULT_INSTRUMENTATION_NAME = "org.perflab";

    private final CollectingExporter exporter = new CollectingExporter();
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private SpanRecorder(Builder builder) {
        this.provider = SdkTracerProvider.builder()
                .setClock(builder.clock)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        this.tracer = provider.get(builder.instrumentationName);
    }

    /** A recorder on the system clock. */
    public static SpanRecorder create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The OpenTelemetry tracer behind {@link #inSpan}, for code that starts spans itself. */
    public Tracer tracer() {
        return tracer;
    }

    // ---- Recording ------------------------------------------------------------------------------

    /**
     * Runs {@code work} inside a span called {@code name}, a child of the current span if there is
     * one. An exception marks the span as an error and propagates unchanged.
     */
    public <E extends Exception> void inSpan(String name, Work<E> work) throws E {
        inSpan(name, () -> {
            work.run();
            return null;
        });
    }

    /** Computes a value inside a span called {@code name}; see {@link #inSpan(String, Work)}. */
    public <T, E extends Exception> T inSpan(String name, Computation<T, E> computation) throws E {
        Objects.requireNonNull(computation, "computation");
        Span span = tracer.spanBuilder(requireName(name)).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return computation.compute();
        } catch (Exception | Error failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
            throw failure;
        } finally {
            span.end();
        }
    }

    /** The task, made to run with the span that is current now as its parent, on whatever thread. */
    public Runnable withCurrentSpan(Runnable task) {
        return Context.current().wrap(Objects.requireNonNull(task, "task"));
    }

    // ---- Reading --------------------------------------------------------------------------------

    /** Every span that has ended, in the order they ended. */
    public List<SpanData> finishedSpans() {
        return exporter.finished();
    }

    /**
     * Every trace whose root span has ended, ordered by the root's start. A child still running
     * (an asynchronous call) is missing from its trace until it ends.
     */
    public List<SpanTimeline> traces() {
        Map<String, List<SpanData>> byTrace = new LinkedHashMap<>();
        for (SpanData span : exporter.finished()) {
            byTrace.computeIfAbsent(span.getTraceId(), id -> new ArrayList<>()).add(span);
        }
        List<SpanTimeline> traces = new ArrayList<>();
        for (List<SpanData> spans : byTrace.values()) {
            if (spans.stream().anyMatch(span -> !span.getParentSpanContext().isValid())) {
                traces.add(SpanTimeline.of(spans));
            }
        }
        traces.sort(Comparator.comparingLong(SpanTimeline::originEpochNanos));
        return traces;
    }

    /**
     * The trace whose root span ended last: the request just traced.
     *
     * @throws IllegalStateException when no root span has ended yet
     */
    public SpanTimeline lastTrace() {
        List<SpanData> finished = exporter.finished();
        for (int i = finished.size() - 1; i >= 0; i--) {
            SpanData span = finished.get(i);
            if (!span.getParentSpanContext().isValid()) {
                String traceId = span.getTraceId();
                return SpanTimeline.of(finished.stream().filter(s -> s.getTraceId().equals(traceId)).toList());
            }
        }
        throw new IllegalStateException("no trace has finished yet: " + finished.size() + " spans recorded, none of"
                + " them a root; wrap the whole request in inSpan(...) and let it return");
    }

    /** Where the time of every finished trace went, span name by span name. */
    public SpanBreakdown breakdown() {
        return SpanBreakdown.of(traces());
    }

    /** Forgets every finished span, e.g. between a warm-up and the measured run. */
    public void reset() {
        exporter.clear();
    }

    /** Shuts the tracer down; spans that end afterwards are not recorded. Idempotent. */
    @Override
    public void close() {
        provider.close();
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        return Require.notBlank("span name", name, "say what the block does, e.g. db.query");
    }

    /** Configures a {@link SpanRecorder}. */
    public static final class Builder {
        private Clock clock = Clock.getDefault();
        private String instrumentationName = DEFAULT_INSTRUMENTATION_NAME;

        private Builder() {
        }

        /** The clock spans read their start and end from. Default: the SDK's system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The instrumentation scope the spans are reported under. Default {@value SpanRecorder#DEFAULT_INSTRUMENTATION_NAME}. */
        public Builder instrumentationName(String name) {
            this.instrumentationName = requireName(name);
            return this;
        }

        public SpanRecorder build() {
            return new SpanRecorder(this);
        }
    }
}
