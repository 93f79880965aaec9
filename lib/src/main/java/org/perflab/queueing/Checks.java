package org.perflab.queueing;

import java.util.Locale;

/** Validation with the property, the value and the limit in every message. */
final class Checks {

    private Checks() {
    }

    static double positiveFinite(String property, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(property + " must be > 0 and finite but was " + value);
        }
        return value;
    }

    static int atLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be >= 1 but was " + value);
        }
        return value;
    }

    /**
     * Rejects utilization at or above 1: arrivals outpace service, the queue grows for as long as
     * the system runs, and no steady-state mean exists.
     */
    static void stable(double utilization, String derivation) {
        if (!(utilization < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "utilization must be < 1 for a stable queue but was %.4f (%s); at or above 1 the queue grows"
                            + " without bound: lower the arrival rate or add servers", utilization, derivation));
        }
    }

    /** Percentiles are given as 0 to 100, like HdrHistogram's; 100 itself is infinite for these models. */
    static double percentile(double percentile) {
        if (!(percentile >= 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be >= 0 and < 100 but was " + percentile);
        }
        return percentile;
    }
}
