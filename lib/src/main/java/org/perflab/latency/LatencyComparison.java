package org.perflab.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.perflab.check.Require;
import tech.tablesaw.api.Table;

/**
 * Two runs side by side, statistic by statistic, with the ratio candidate / baseline. A ratio of
 * 100 at p99 means the candidate's p99 is a hundred times the baseline's.
 *
 * <p>Surprise: when a baseline value is zero the ratio is infinite (or NaN when both are zero);
 * an empty run summarizes to zeros, so compare runs that recorded something.
 */
public record LatencyComparison(String baselineName, LatencySummary baseline,
                                String candidateName, LatencySummary candidate) {

    /** One statistic of both runs, in milliseconds, and candidate / baseline. */
    public record Row(String statistic, double baselineMillis, double candidateMillis, double ratio) {
    }

    public LatencyComparison {
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidateName, "candidateName");
        Objects.requireNonNull(candidate, "candidate");
        Require.that(!baselineName.equals(candidateName), "candidateName", "'" + candidateName + "'",
                "different from baselineName", "name the two runs differently: the table would get two columns"
                        + " with one name");
    }

    public static LatencyComparison of(String baselineName, LatencySummary baseline,
                                       String candidateName, LatencySummary candidate) {
        return new LatencyComparison(baselineName, baseline, candidateName, candidate);
    }

    /** mean, p50, p90, p95, p99, p99.9, max, in that order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Statistic statistic : Statistic.values()) {
            double baselineNanos = statistic.nanosOf(baseline);
            double candidateNanos = statistic.nanosOf(candidate);
            rows.add(new Row(statistic.label(), Millis.of(baselineNanos), Millis.of(candidateNanos),
                    candidateNanos / baselineNanos));
        }
        return rows;
    }

    /** Candidate / baseline for one statistic: {@code "mean"}, {@code "p50"}, ..., {@code "p99.9"}, {@code "max"}. */
    public double ratio(String statistic) {
        Statistic chosen = Statistic.byLabel(statistic);
        return chosen.nanosOf(candidate) / chosen.nanosOf(baseline);
    }

    /** Columns {@code statistic, <baseline>_ms, <candidate>_ms, ratio}. */
    public Table toTable() {
        return LatencyTables.comparison(this);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %12s %12s %9s%n",
                "", baselineName, candidateName, "ratio"));
        for (Row row : rows()) {
            text.append(String.format(Locale.ROOT, "%-6s %12s %12s %8.1fx%n", row.statistic(),
                    Millis.format(row.baselineMillis() * 1e6), Millis.format(row.candidateMillis() * 1e6),
                    row.ratio()));
        }
        return text.toString();
    }
}
