package org.perflab.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.PercentileSpectrum;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a generator measured.
 *
 * @param generator           {@code "open-loop"} or {@code "closed-loop"}
 * @param setup               schedule (with its seed), threads, and what latency is timed from
 * @param requestedRatePerSec the schedule's nominal rate; {@code NaN} for a closed loop, whose rate
 *                            is set by the responses, not requested
 * @param scheduledRatePerSec requests the schedule placed in its window, per second: the requested
 *                            rate for a constant schedule, a little off it for a Poisson one (that
 *                            seed's draws); {@code NaN} for a closed loop
 * @param achievedRatePerSec  requests that reached the target (completed + failed) per second of
 *                            the send window, which stretches past the planned one only if sends
 *                            fell behind; the drain after the last send is not counted. For a
 *                            closed loop, per second of {@code elapsedNanos}
 * @param completed           requests whose target call returned normally; only these are timed
 * @param failed              requests whose target call threw
 * @param late                requests that started more than the late threshold after their
 *                            intended start (open loop only)
 * @param dropped             requests not sent because they would have started later than the drop
 *                            limit (open loop only)
 * @param maxInFlight         most requests issued but not yet finished at one time
 * @param elapsedNanos        from the first intended start to the last finish, at least the planned
 *                            schedule window
 * @param latency             summary of {@code histogram}
 * @param histogram           latencies of completed requests in nanoseconds; the accessor returns
 *                            a copy
 * @param firstFailure        the first throwable a target threw, or {@code null}
 * @param warnings            invariants the run broke (fell behind its schedule, abandoned
 *                            requests), one sentence each
 * @param interrupted         {@code true} for the partial result of an interrupted run
 */
public record LoadResult(String generator, String setup, double requestedRatePerSec, double scheduledRatePerSec,
                         double achievedRatePerSec,
                         long completed, long failed, long late, long dropped, int maxInFlight, long elapsedNanos,
                         LatencySummary latency, Histogram histogram, Throwable firstFailure,
                         List<String> warnings, boolean interrupted) {

    public LoadResult {
        Objects.requireNonNull(latency, "latency");
        histogram = histogram.copy();
        warnings = List.copyOf(warnings);
    }

    @Override
    public Histogram histogram() {
        return histogram.copy();
    }

    public PercentileSpectrum percentileSpectrum() {
        return PercentileSpectrum.of(histogram);
    }

    /** Achieved / requested; 1.0 means the schedule was kept. {@code NaN} for a closed loop. */
    public double achievedToRequestedRatio() {
        return achievedRatePerSec / requestedRatePerSec;
    }

    public double elapsedSec() {
        return elapsedNanos / 1e9;
    }

    /** One row, with the columns of {@link #tableOf(Map)}. */
    public Table toTable(String runName) {
        Map<String, LoadResult> runs = new LinkedHashMap<>();
        runs.put(runName, this);
        return tableOf(runs);
    }

    /**
     * One row per run: {@code run, requested_per_sec, scheduled_per_sec, achieved_per_sec, completed,
     * failed, late,
     * dropped, max_in_flight, mean_ms, p50_ms, p90_ms, p95_ms, p99_ms, p99_9_ms, max_ms}.
     */
    public static Table tableOf(Map<String, LoadResult> runs) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn requested = DoubleColumn.create("requested_per_sec");
        DoubleColumn scheduled = DoubleColumn.create("scheduled_per_sec");
        DoubleColumn achieved = DoubleColumn.create("achieved_per_sec");
        LongColumn completed = LongColumn.create("completed");
        LongColumn failed = LongColumn.create("failed");
        LongColumn late = LongColumn.create("late");
        LongColumn dropped = LongColumn.create("dropped");
        IntColumn maxInFlight = IntColumn.create("max_in_flight");
        Map<String, LatencySummary> summaries = new LinkedHashMap<>();
        runs.forEach((name, result) -> {
            run.append(name);
            requested.append(result.requestedRatePerSec);
            scheduled.append(result.scheduledRatePerSec);
            achieved.append(result.achievedRatePerSec);
            completed.append(result.completed);
            failed.append(result.failed);
            late.append(result.late);
            dropped.append(result.dropped);
            maxInFlight.append(result.maxInFlight);
            summaries.put(name, result.latency);
        });
        Table table = Table.create("load", run, requested, scheduled, achieved, completed, failed, late, dropped, maxInFlight);
        for (Column<?> column : LatencySummary.tableOf(summaries).columns()) {
            if (column.name().endsWith("_ms")) {
                table.addColumns(column.copy());
            }
        }
        return table;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(generator).append(interrupted ? " (INTERRUPTED, partial)" : "").append(", ").append(setup)
                .append(String.format(Locale.ROOT, ", %.2f s%n", elapsedSec()));
        if (Double.isNaN(requestedRatePerSec)) {
            text.append(String.format(Locale.ROOT,
                    "  achieved %.1f req/s (closed loop: the responses set the rate)%n", achievedRatePerSec));
        } else {
            String scheduled = Math.abs(scheduledRatePerSec - requestedRatePerSec) < 1e-9 * requestedRatePerSec ? ""
                    : String.format(Locale.ROOT, " (this schedule's draws: %.1f req/s)", scheduledRatePerSec);
            text.append(String.format(Locale.ROOT, "  requested %.1f req/s%s, achieved %.1f req/s (%.2f%% of"
                    + " requested)%n", requestedRatePerSec, scheduled, achievedRatePerSec, 100 * achievedToRequestedRatio()));
        }
        text.append(String.format(Locale.ROOT,
                "  completed %d, failed %d, late %d, dropped %d, max in flight %d%n",
                completed, failed, late, dropped, maxInFlight));
        text.append("  latency: ").append(latency).append(System.lineSeparator());
        if (firstFailure != null) {
            text.append("  first failure: ").append(firstFailure).append(System.lineSeparator());
        }
        for (String warning : warnings) {
            text.append("  WARNING: ").append(warning).append(System.lineSeparator());
        }
        return text.toString().stripTrailing();
    }
}
