package org.perflab.kernel.runner;

/**
 * Lines of results files as the library's {@code VerdictLog} writes them, for the tests of the
 * commands that read them ({@code compare}, {@code soak}).
 */
final class ResultsCsvRows {

    static final String HEADER = "recorded_at,notebook,claim,comparison,measured,expected,tolerance,lower_bound,"
            + "upper_bound,outcome,backend,cores,jdk,os,kind,repeats,ci_low,ci_high\n";
    static final String OLD_HEADER = "recorded_at,notebook,claim,comparison,measured,expected,tolerance,lower_bound,"
            + "upper_bound,outcome,backend,cores,jdk,os\n";

    private ResultsCsvRows() {
    }

    /** A row of today's format. */
    static String row(String notebook, String claim, double measured, String outcome, String kind, int repeats,
                      double ciLow, double ciHigh) {
        return "2026-12-07T02:16:41Z," + notebook + ",\"" + claim.replace("\"", "\"\"") + "\",AT_MOST," + measured
                + ",50.0,±1%,-Infinity,50.5," + outcome + ",none,2,17,Linux," + kind + "," + repeats + "," + ciLow
                + "," + ciHigh + "\n";
    }

    /** A row of a file written before the confidence intervals. */
    static String oldRow(String notebook, String claim, double measured, String outcome) {
        return "2026-12-07T02:16:41Z," + notebook + ",\"" + claim + "\",AT_LEAST," + measured
                + ",5000.0,exact,5000.0,Infinity," + outcome + ",none,2,17,Linux\n";
    }
}
