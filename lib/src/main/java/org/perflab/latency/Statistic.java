package org.perflab.latency;

import java.util.function.ToDoubleFunction;
import org.perflab.check.Require;

/**
 * The statistics a {@link LatencySummary} reports, in the order every table and comparison shows
 * them. Kept in one place so a summary, its table and a comparison can never disagree on the set.
 */
enum Statistic {
    MEAN("mean", LatencySummary::meanNanos),
    P50("p50", s -> s.p50Nanos()),
    P90("p90", s -> s.p90Nanos()),
    P95("p95", s -> s.p95Nanos()),
    P99("p99", s -> s.p99Nanos()),
    P99_9("p99.9", s -> s.p999Nanos()),
    MAX("max", s -> s.maxNanos());

    private final String label;
    private final ToDoubleFunction<LatencySummary> nanos;

    Statistic(String label, ToDoubleFunction<LatencySummary> nanos) {
        this.label = label;
        this.nanos = nanos;
    }

    /** The name readers see: {@code "p99.9"}. */
    String label() {
        return label;
    }

    /** A Tablesaw-friendly column name with its unit: {@code "p99_9_ms"}. */
    String millisColumnName() {
        return label.replace('.', '_') + "_ms";
    }

    double nanosOf(LatencySummary summary) {
        return nanos.applyAsDouble(summary);
    }

    static Statistic byLabel(String label) {
        for (Statistic statistic : values()) {
            if (statistic.label.equalsIgnoreCase(label)) {
                return statistic;
            }
        }
        throw Require.invalid("statistic", "'" + label + "'", "one of mean, p50, p90, p95, p99, p99.9, max",
                "write one of those labels, e.g. \"p99\"");
    }
}
