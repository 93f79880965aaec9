package org.perflab.latency;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Builds the Tablesaw tables of this package; every numeric column name ends in its unit. */
final class LatencyTables {

    private LatencyTables() {
    }

    static Table summaries(Map<String, LatencySummary> runs) {
        StringColumn run = StringColumn.create("run");
        LongColumn count = LongColumn.create("count");
        Statistic[] statistics = Statistic.values();
        DoubleColumn[] millis = new DoubleColumn[statistics.length];
        for (int i = 0; i < statistics.length; i++) {
            millis[i] = DoubleColumn.create(statistics[i].millisColumnName());
        }
        runs.forEach((name, summary) -> {
            run.append(name);
            count.append(summary.count());
            for (int i = 0; i < statistics.length; i++) {
                millis[i].append(Millis.of(statistics[i].nanosOf(summary)));
            }
        });
        Table table = Table.create("latency", run, count);
        table.addColumns(millis);
        return readable(table);
    }

    /**
     * Shows decimals to the microsecond (3 places of a millisecond), which is finer than any timer
     * noise here; the column still holds the full value for further computation.
     */
    private static Table readable(Table table) {
        for (tech.tablesaw.api.NumericColumn<?> column : table.numberColumns()) {
            if (column instanceof DoubleColumn) {
                column.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(3));
            }
        }
        return table;
    }

    static Table spectrum(List<PercentileSpectrum.Point> points) {
        DoubleColumn percentile = DoubleColumn.create("percentile");
        DoubleColumn value = DoubleColumn.create("value_ms");
        LongColumn countAtOrBelow = LongColumn.create("count_at_or_below");
        for (PercentileSpectrum.Point point : points) {
            percentile.append(point.percentile());
            value.append(point.valueMillis());
            countAtOrBelow.append(point.countAtOrBelow());
        }
        return readable(Table.create("percentile spectrum", percentile, value, countAtOrBelow));
    }

    static Table comparison(LatencyComparison comparison) {
        StringColumn statistic = StringColumn.create("statistic");
        DoubleColumn baseline = DoubleColumn.create(columnSafe(comparison.baselineName()) + "_ms");
        DoubleColumn candidate = DoubleColumn.create(columnSafe(comparison.candidateName()) + "_ms");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        for (LatencyComparison.Row row : comparison.rows()) {
            statistic.append(row.statistic());
            baseline.append(row.baselineMillis());
            candidate.append(row.candidateMillis());
            ratio.append(row.ratio());
        }
        return readable(Table.create(comparison.candidateName() + " vs " + comparison.baselineName(),
                statistic, baseline, candidate, ratio));
    }

    /** Run names become column names, so spaces and punctuation turn into underscores. */
    private static String columnSafe(String name) {
        return name.trim().replaceAll("[^A-Za-z0-9]+", "_");
    }
}
