package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets a run's verdicts beside the reference run committed in {@code data/}: for each notebook and
 * claim, both measurements with their 95% confidence intervals and both outcomes. A measurement counts
 * as changed ("moved") only where the two intervals do not overlap; numbers whose intervals overlap
 * are the same as far as the runs can tell. Exit code 1 when a claim fails now, 0 otherwise
 * (INCONCLUSIVE included).
 *
 * <pre>java -jar kernel/target/perflab-kernel.jar compare data/reference-results.csv kernel/target/workbook-results.csv</pre>
 */
public final class CompareResults {

    /** The intervals column: overlapping intervals, no change shown. */
    static final String SAME = "same";
    /** The intervals column: the intervals do not overlap, the measurement changed. */
    static final String MOVED = "moved";
    /** The intervals column: the claim is not in the reference run. */
    static final String NEW = "new";

    private static final String ROW_FORMAT = "%-34s %-50s %-9s %-30s %-30s %-9s %s%n";

    private CompareResults() {
    }

    /** {@code compare REFERENCE.csv CURRENT.csv}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        return Cli.execute(new CompareCommand(out), args, out, out);
    }

    /** The command line of {@code compare}. */
    @Command(name = "compare",
            description = {"Sets a run's verdicts beside the reference run's, each measurement with its 95%% "
                    + "confidence interval.", "A measurement is reported as moved only where the two intervals "
                    + "do not overlap.", "Exit code 1 when a claim fails now (INCONCLUSIVE does not fail)."})
    public static final class CompareCommand implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Parameters(index = "0", paramLabel = "REFERENCE.csv", description = "The reference run (data/reference-results.csv).")
        Path reference;

        @Parameters(index = "1", paramLabel = "CURRENT.csv", description = "This run's verdicts (run --results FILE).")
        Path current;

        private final PrintStream out;

        public CompareCommand() {
            this(System.out);
        }

        CompareCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            for (Path file : List.of(reference, current)) {
                if (!Files.isRegularFile(file)) {
                    out.println(file + " does not exist; run the workbook first: mvn -B -Pworkbook package -DskipTests");
                    return Cli.EXIT_USAGE;
                }
            }
            List<VerdictRow> referenceRows;
            List<VerdictRow> currentRows;
            try {
                referenceRows = ResultsCsv.read(reference);
                currentRows = ResultsCsv.read(current);
            } catch (ResultsCsv.FormatException | UncheckedIOException e) {
                out.println(e.getMessage());
                return Cli.EXIT_USAGE;
            }
            return compare(referenceRows, currentRows, out);
        }
    }

    /** Prints the comparison and answers the exit code: 1 when a claim fails now. */
    static int compare(List<VerdictRow> referenceRows, List<VerdictRow> currentRows, PrintStream out) {
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
            failing += now.outcome() == VerdictOutcome.FAIL ? 1 : 0;
            inconclusive += now.outcome() == VerdictOutcome.INCONCLUSIVE ? 1 : 0;
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
        return failing > 0 ? 1 : 0;
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

    static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
