package org.perflab.verdict;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets a run's verdicts beside a reference run's (the one committed in {@code data/}): for each
 * notebook and claim, both measurements with their 95% confidence intervals and both outcomes. A
 * measurement counts as changed ("moved") only where the two intervals do not overlap; numbers whose
 * intervals overlap are the same as far as the runs can tell.
 */
public final class RunComparison {

    /** The intervals column: overlapping intervals, no change shown. */
    static final String SAME = "same";
    /** The intervals column: the intervals do not overlap, the measurement changed. */
    static final String MOVED = "moved";
    /** The intervals column: the claim is not in the reference run. */
    static final String NEW = "new";

    private static final String ROW_FORMAT = "%-34s %-50s %-9s %-30s %-30s %-9s %s%n";

    private RunComparison() {
    }

    /**
     * Prints the comparison, a row per claim of the current run and a summary line; answers how many
     * claims fail now.
     */
    public static int print(List<VerdictRow> referenceRows, List<VerdictRow> currentRows, PrintStream out) {
        Map<VerdictRow.Claim, VerdictRow> reference = latestByClaim(referenceRows);
        Map<VerdictRow.Claim, VerdictRow> current = latestByClaim(currentRows);
        int failing = 0;
        int inconclusive = 0;
        int changed = 0;
        int moved = 0;
        out.printf(Locale.ROOT, ROW_FORMAT, "notebook", "claim", "kind", "reference", "this run", "intervals",
                "outcome");
        for (VerdictRow now : current.values()) {
            VerdictRow then = reference.get(now.key());
            String intervals = then == null ? NEW : then.overlaps(now) ? SAME : MOVED;
            String was = then == null ? NEW : then.outcome().name();
            String outcome = now.outcome().name();
            failing += now.outcome() == Outcome.FAIL ? 1 : 0;
            inconclusive += now.outcome() == Outcome.INCONCLUSIVE ? 1 : 0;
            changed += outcome.equals(was) ? 0 : 1;
            moved += intervals.equals(MOVED) ? 1 : 0;
            out.printf(Locale.ROOT, ROW_FORMAT, now.notebook(), abbreviate(now.claim(), 50), now.kind(),
                    then == null ? "-" : then.measuredWithInterval(), now.measuredWithInterval(), intervals,
                    was.equals(outcome) ? outcome : was + " -> " + outcome);
        }
        long missing = reference.keySet().stream().filter(claim -> !current.containsKey(claim)).count();
        out.printf(Locale.ROOT, "%n%d claims compared: %d fail now, %d inconclusive now, %d changed outcome, "
                        + "%d moved (intervals do not overlap), %d in the reference but not in this run%n",
                current.size(), failing, inconclusive, changed, moved, missing);
        return failing;
    }

    /** A results file may hold several runs; the last row of each claim is the one that counts. */
    private static Map<VerdictRow.Claim, VerdictRow> latestByClaim(List<VerdictRow> rows) {
        Map<VerdictRow.Claim, VerdictRow> latest = new LinkedHashMap<>();
        for (VerdictRow row : rows) {
            latest.remove(row.key());
            latest.put(row.key(), row);
        }
        return latest;
    }

    /** {@code text} cut to {@code width} characters, the last one an ellipsis when it was longer. */
    public static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
