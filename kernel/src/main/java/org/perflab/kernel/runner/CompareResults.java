package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets a run's verdicts beside the reference run committed in {@code data/}: for each notebook and
 * claim, both measurements, their ratio and both outcomes. Numbers differ between machines; the
 * outcomes should not. Exit code 1 when a claim fails now, 0 otherwise.
 *
 * <pre>java -jar kernel/target/perflab-kernel.jar compare data/reference-results.csv kernel/target/workbook-results.csv</pre>
 */
public final class CompareResults {

    private CompareResults() {
    }

    /** {@code compare REFERENCE.csv CURRENT.csv}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        return Cli.execute(new CompareCommand(out), args, out, out);
    }

    /** The command line of {@code compare}. */
    @Command(name = "compare",
            description = "Sets a run's verdicts beside the reference run's; exit code 1 when a claim fails now.")
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
            return compare(reference, current, out);
        }
    }

    private static int compare(Path referenceFile, Path currentFile, PrintStream out) {
        Map<String, Row> reference = latestByClaim(read(referenceFile));
        Map<String, Row> current = latestByClaim(read(currentFile));
        int failing = 0;
        int changed = 0;
        out.printf(Locale.ROOT, "%-34s %-60s %12s %12s %8s  %s%n", "notebook", "claim", "reference", "this run",
                "ratio", "outcome");
        for (Map.Entry<String, Row> entry : current.entrySet()) {
            Row now = entry.getValue();
            Row then = reference.get(entry.getKey());
            double measured = now.getDouble("measured");
            String outcome = now.getString("outcome");
            String was = then == null ? "new" : then.getString("outcome");
            if (outcome.equals("FAIL")) {
                failing++;
            }
            if (!outcome.equals(was)) {
                changed++;
            }
            out.printf(Locale.ROOT, "%-34s %-60s %12s %12.4g %8s  %s%n", now.getString("notebook"),
                    abbreviate(now.getString("claim"), 60),
                    then == null ? "-" : String.format(Locale.ROOT, "%.4g", then.getDouble("measured")), measured,
                    then == null || then.getDouble("measured") == 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", measured / then.getDouble("measured")),
                    was.equals(outcome) ? outcome : was + " -> " + outcome);
        }
        long missing = reference.keySet().stream().filter(k -> !current.containsKey(k)).count();
        out.printf(Locale.ROOT, "%n%d claims compared: %d fail now, %d changed outcome, %d in the reference but not in this run%n",
                current.size(), failing, changed, missing);
        return failing > 0 ? 1 : 0;
    }

    private static Table read(Path file) {
        return Table.read().csv(CsvReadOptions.builder(file.toFile())
                .columnTypesPartial(Map.of("measured", ColumnType.DOUBLE, "claim", ColumnType.STRING,
                        "notebook", ColumnType.STRING, "outcome", ColumnType.STRING))
                .build());
    }

    /** A results file may hold several runs; the last row of each claim is the one that counts. */
    private static Map<String, Row> latestByClaim(Table table) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Row row : table) {
            String key = row.getString("notebook") + "\u0000" + row.getString("claim");
            rows.remove(key);
            rows.put(key, table.row(row.getRowNumber()));
        }
        return rows;
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
