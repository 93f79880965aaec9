package org.perflab.queueing;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * The conditions under which the closed-form queueing models (M/M/1, M/D/1, M/M/c) and the simulation's
 * steady-state comparison hold: utilization below 1 and a finite percentile.
 */
final class SteadyState {

    private SteadyState() {
    }

    /**
     * Rejects utilization at or above 1: arrivals outpace service, the queue grows for as long as
     * the system runs, and no steady-state mean exists.
     */
    static void requireStable(double utilization, String derivation) {
        Require.that(utilization < 1, "utilization", String.format(Locale.ROOT, "%.4f (%s)", utilization, derivation),
                "< 1 for a stable queue", "at or above 1 the queue grows without bound: lower the arrival rate or"
                        + " add servers");
    }

    /** Percentiles are given as 0 to 100, like HdrHistogram's; 100 itself is infinite for these models. */
    static double requirePercentile(double percentile) {
        Require.that(percentile >= 0 && percentile < 100, "percentile", percentile, ">= 0 and < 100",
                "give it on HdrHistogram's 0-to-100 scale, e.g. 99.9; 100 itself is infinite for this model");
        return percentile;
    }
}
