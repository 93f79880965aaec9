package org.perflab.latency;

import java.util.Locale;

/** Nanoseconds to milliseconds, for display only; values are stored and compared in nanoseconds. */
final class Millis {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private Millis() {
    }

    static double of(double nanos) {
        return nanos / NANOS_PER_MILLI;
    }

    /**
     * About three significant digits, always in milliseconds, so values in one table line up in one
     * unit (a reader should never have to notice that one cell switched to seconds).
     */
    static String format(double nanos) {
        double millis = of(nanos);
        String pattern;
        if (Double.isNaN(millis)) {
            return "n/a";
        } else if (millis >= 100) {
            pattern = "%.0f ms";
        } else if (millis >= 10) {
            pattern = "%.1f ms";
        } else if (millis >= 1) {
            pattern = "%.2f ms";
        } else {
            pattern = "%.3f ms";
        }
        return String.format(Locale.ROOT, pattern, millis);
    }
}
