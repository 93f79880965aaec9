package org.perflab.cache;

import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What one read costs at each level of a storage hierarchy, measured in one run on one machine: a
 * local cache hit, a Redis hit, a database query, a slow query. Each step is warmed up, then every call
 * is timed on its own into an HdrHistogram, so the table shows percentiles with their sample counts.
 *
 * <p>Surprise: a local cache hit takes less time than {@code System.nanoTime()} resolves well (tens of
 * nanoseconds); its figures include the timer's own cost and are an upper bound.
 */
public final class CostLadder {

    private record Step(String name, int warmups, int repetitions, Callable<?> operation) {
    }

    private final List<Step> steps;
    private final Map<String, LatencySummary> summaries = new LinkedHashMap<>();
    private long blackhole;

    private CostLadder(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every step in order; returns this, with {@link #summary} and {@link #toTable} filled in. */
    public CostLadder run() {
        summaries.clear();
        for (Step step : steps) {
            LatencyRecorder recorder = LatencyRecorder.create();
            for (int i = 0; i < step.warmups() + step.repetitions(); i++) {
                long start = System.nanoTime();
                Object result = call(step);
                long elapsed = System.nanoTime() - start;
                // Use every result, so the JIT cannot drop a call whose value is never read.
                blackhole += result == null ? 0 : result.hashCode();
                if (i >= step.warmups()) {
                    recorder.recordNanos(elapsed);
                }
            }
            summaries.put(step.name(), recorder.summary());
        }
        return this;
    }

    private static Object call(Step step) {
        try {
            return step.operation().call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("step '" + step.name() + "' failed: " + e, e);
        }
    }

    /** A step's latencies (nanoseconds). */
    public LatencySummary summary(String step) {
        LatencySummary summary = summaries.get(step);
        if (summary == null) {
            throw new IllegalArgumentException("no measured step '" + step + "'; steps: " + summaries.keySet());
        }
        return summary;
    }

    /** Median of {@code slower} over median of {@code faster}. */
    public double medianRatio(String slower, String faster) {
        return (double) summary(slower).p50Nanos() / summary(faster).p50Nanos();
    }

    /**
     * One row per step: {@code run, count, mean_ms, p50_ms, ..., max_ms} as
     * {@link LatencySummary#tableOf} makes them, and {@code p50_vs_previous}, the step's median over
     * the median of the step above it.
     */
    public Table toTable() {
        Table table = LatencySummary.tableOf(summaries).setName("cost ladder");
        // Five decimals of a millisecond: a local hit takes a fraction of a microsecond.
        for (tech.tablesaw.api.NumericColumn<?> column : table.numberColumns()) {
            if (column instanceof DoubleColumn) {
                column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(5));
            }
        }
        DoubleColumn ratio = DoubleColumn.create("p50_vs_previous");
        LatencySummary previous = null;
        for (LatencySummary summary : summaries.values()) {
            ratio.append(previous == null ? Double.NaN : (double) summary.p50Nanos() / previous.p50Nanos());
            previous = summary;
        }
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return table.addColumns(ratio);
    }

    @Override
    public String toString() {
        return "CostLadder" + summaries;
    }

    /** Steps in the order they are run, cheapest first by convention. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {
        }

        /** Times {@code operation} {@code repetitions} times after {@code warmups} untimed calls. */
        public Builder step(String name, int warmups, int repetitions, Callable<?> operation) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(operation, "operation");
            if (warmups < 0 || repetitions < 1) {
                throw new IllegalArgumentException("step '" + name + "' needs warmups >= 0 and repetitions >= 1, got "
                        + warmups + " and " + repetitions);
            }
            if (steps.stream().anyMatch(step -> step.name().equals(name))) {
                throw new IllegalArgumentException("two steps named '" + name + "'");
            }
            steps.add(new Step(name, warmups, repetitions, operation));
            return this;
        }

        public CostLadder build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("a cost ladder needs at least one step");
            }
            return new CostLadder(steps);
        }
    }
}
