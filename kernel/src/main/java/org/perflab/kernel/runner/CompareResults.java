package org.perflab.kernel.runner;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    public static int run(String[] args, PrintStream out) {
        if (args.length != 2) {
            out.println("usage: compare REFERENCE.csv CURRENT.csv");
            return 2;
        }
        for (String file : args) {
            if (!Files.isRegularFile(Path.of(file))) {
                out.println(file + " does not exist; run the workbook first: mvn -B -Pworkbook package -DskipTests");
                return 2;
            }
        }
        Map<String, Row> reference = latestByClaim(read(Path.of(args[0])));
        Map<String, Row> current = latestByClaim(read(Path.of(args[1])));
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
