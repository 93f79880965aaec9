package org.perflab.cache;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.Rounds;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * What one read costs at each level of a storage hierarchy, measured in one run on one machine: a
 * local cache hit, a Redis hit, a database query, a slow query. Each step is warmed up, then every call
 * is timed on its own into an HdrHistogram, so the table shows percentiles with their sample counts.
 *
 * <p>The timed calls are spread over {@link Builder#rounds rounds}: in each round every step takes its
 * share of calls, in ladder order in even rounds and in reverse in odd ones, so neighbouring steps are
 * measured a few milliseconds apart, under the same machine state. On a shared machine a busy moment
 * (another process taking the cores, a GC) then lands on both steps of a comparison or on one round
 * only, where one step run after the other would take it alone: {@link #medianRatio} compares two steps
 * round by round and takes the median of those ratios.
 *
 * <p>Surprise: a local cache hit takes less time than {@code System.nanoTime()} resolves well (tens of
 * nanoseconds); its figures include the timer's own cost and are an upper bound.
 */
public final class CostLadder {

    private record Step(String name, int warmups, int repetitions, Callable<?> operation) {
    }

    private final List<Step> steps;
    private final int rounds;
    private final Map<String, LatencySummary> summaries = new LinkedHashMap<>();
    /** Per step, its summary in each round, null for a round it had no calls in. */
    private final Map<String, LatencySummary[]> roundSummaries = new LinkedHashMap<>();
    private long blackhole;

    private CostLadder(List<Step> steps, int rounds) {
        this.steps = List.copyOf(steps);
        this.rounds = rounds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Warms every step up, then runs the rounds; returns this, with {@link #summary} and {@link #toTable}
     * filled in.
     */
    public CostLadder run() {
        summaries.clear();
        roundSummaries.clear();
        Map<String, LatencyRecorder> recorders = new LinkedHashMap<>();
        for (Step step : steps) {
            for (int i = 0; i < step.warmups(); i++) {
                consume(call(step));
            }
            recorders.put(step.name(), LatencyRecorder.create());
            roundSummaries.put(step.name(), new LatencySummary[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (int index : Rounds.order(steps.size(), round)) {
                Step step = steps.get(index);
                int calls = Rounds.share(step.repetitions(), round, rounds);
                if (calls == 0) {
                    continue;
                }
                LatencyRecorder all = recorders.get(step.name());
                LatencyRecorder thisRound = LatencyRecorder.create();
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    Object result = call(step);
                    long elapsed = System.nanoTime() - start;
                    consume(result);
                    all.recordNanos(elapsed);
                    thisRound.recordNanos(elapsed);
                }
                roundSummaries.get(step.name())[round] = thisRound.summary();
            }
        }
        recorders.forEach((name, recorder) -> summaries.put(name, recorder.summary()));
        return this;
    }

    /** Use every result, so the JIT cannot drop a call whose value is never read. */
    private void consume(Object result) {
        blackhole += result == null ? 0 : result.hashCode();
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

    /**
     * Median of {@code slower} over median of {@code faster}, round by round: the median of
     * {@link #roundRatios}. With one round, the ratio of the two steps' medians.
     */
    public double medianRatio(String slower, String faster) {
        return Rounds.median(roundRatios(slower, faster));
    }

    /**
     * For each round in which both steps were timed, {@code slower}'s median in that round over
     * {@code faster}'s: above 1 where {@code slower} was indeed slower in that round.
     */
    public double[] roundRatios(String slower, String faster) {
        summary(slower);
        summary(faster);
        return pairedRatios(roundSummaries.get(slower), roundSummaries.get(faster));
    }

    /** Per round where both have a summary, the ratio of their medians. */
    static double[] pairedRatios(LatencySummary[] slower, LatencySummary[] faster) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < slower.length; round++) {
            if (slower[round] != null && faster[round] != null) {
                ratios.add((double) slower[round].p50Nanos() / faster[round].p50Nanos());
            }
        }
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("no round timed both steps; give each step at least as many"
                    + " repetitions as there are rounds");
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The median over the rounds of one figure of a step's latencies in each round, for example its p99: the
     * tail of a typical round, which a busy second spoiling a round or two does not move.
     */
    public double medianOverRounds(String step, ToDoubleFunction<LatencySummary> figure) {
        summary(step);
        return Rounds.median(Arrays.stream(roundSummaries.get(step)).filter(Objects::nonNull)
                .mapToDouble(figure).toArray());
    }

    public int rounds() {
        return rounds;
    }

    /**
     * One row per step: {@code run, count, mean_ms, p50_ms, ..., max_ms} over all rounds, as
     * {@link LatencySummary#tableOf} makes them, and {@code p50_vs_previous}, the step's median over
     * the median of the step above it: {@link #medianRatio}, round by round.
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
        String previous = null;
        for (String step : summaries.keySet()) {
            ratio.append(previous == null ? Double.NaN : medianRatio(step, previous));
            previous = step;
        }
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return table.addColumns(ratio);
    }

    @Override
    public String toString() {
        return "CostLadder in " + rounds + " round(s)" + summaries;
    }

    /** Steps in the order they are run, cheapest first by convention. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private int rounds = 1;

        private Builder() {
        }

        /**
         * Spread every step's timed calls over this many rounds, the steps interleaved (see the class
         * comment). Default 1: each step's calls in one go, one step after the other.
         */
        public Builder rounds(int rounds) {
            this.rounds = Require.atLeast("rounds", rounds, 1, "run at least one round, e.g. 5");
            return this;
        }

        /** Times {@code operation} {@code repetitions} times (over all rounds) after {@code warmups} untimed calls. */
        public Builder step(String name, int warmups, int repetitions, Callable<?> operation) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(operation, "operation");
            Require.atLeast("warmups of step '" + name + "'", warmups, 0, "give 0 for no warm-up");
            Require.atLeast("repetitions of step '" + name + "'", repetitions, 1, "time at least one repetition");
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
            return new CostLadder(steps, rounds);
        }
    }
}
