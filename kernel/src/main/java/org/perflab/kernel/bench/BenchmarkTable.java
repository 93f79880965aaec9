package org.perflab.kernel.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The benchmark's figures side by side, one column per JDK, each figure with its sample count, and the
 * targets in the last column. A row whose samples are missing for a JDK prints "-".
 */
public final class BenchmarkTable {

    /** Cold start to the first result, median (issue 15's target). */
    static final double COLD_START_TARGET_MS = 1_000;
    /** Trivial cell round trip, median. */
    static final double ROUND_TRIP_TARGET_MS = 20;
    /** The tight loop's time with the kernel's forced stop over its time without. */
    static final double LOOP_RATIO_TARGET = 1.05;

    /** One JDK's samples, in nanoseconds. */
    public record Column(String jdk, Histogram coldStart, Histogram roundTrip, Histogram jshellFloor,
                         Histogram loopWithForcedStop, Histogram loopWithoutForcedStop) {

        /** Median tight-loop time with the forced stop over without it; NaN before both are measured. */
        double loopRatio() {
            if (loopWithForcedStop.getTotalCount() == 0 || loopWithoutForcedStop.getTotalCount() == 0) {
                return Double.NaN;
            }
            return (double) loopWithForcedStop.getValueAtPercentile(50) / loopWithoutForcedStop.getValueAtPercentile(50);
        }

        /**
         * The same ratio of the fastest runs: a busy machine only ever adds time, so the minima show a fixed cost
         * when a few slow runs move the medians.
         */
        double loopRatioOfMinima() {
            if (loopWithForcedStop.getTotalCount() == 0 || loopWithoutForcedStop.getTotalCount() == 0) {
                return Double.NaN;
            }
            return (double) loopWithForcedStop.getMinValue() / loopWithoutForcedStop.getMinValue();
        }
    }

    private record Row(String name, Function<Column, String> cell, String target) {
    }

    private BenchmarkTable() {
    }

    /** A histogram for nanosecond samples up to {@code highestNanos}, with 3 significant digits. */
    public static Histogram nanosHistogram(long highestNanos) {
        return new Histogram(highestNanos, 3);
    }

    public static String format(List<Column> columns) {
        List<Row> rows = List.of(
                new Row("cold start to first result, median", c -> millis(c.coldStart(), 50, "%.0f"),
                        String.format(Locale.ROOT, "<= %.0f ms", COLD_START_TARGET_MS)),
                new Row("cold start to first result, p90", c -> millis(c.coldStart(), 90, "%.0f"), ""),
                new Row("trivial cell round trip, median", c -> millis(c.roundTrip(), 50, "%.1f"),
                        String.format(Locale.ROOT, "<= %.0f ms", ROUND_TRIP_TARGET_MS)),
                new Row("trivial cell round trip, p90", c -> millis(c.roundTrip(), 90, "%.1f"), ""),
                new Row("floor: in-process JShell per snippet, median", c -> millis(c.jshellFloor(), 50, "%.1f"), ""),
                new Row("tight loop cell, forced stop on, median", c -> millis(c.loopWithForcedStop(), 50, "%.0f"), ""),
                new Row("tight loop cell, PERFLAB_FORCED_STOP=off, median",
                        c -> millis(c.loopWithoutForcedStop(), 50, "%.0f"), ""),
                new Row("tight loop ratio, on / off, of medians", c -> ratio(c.loopRatio()),
                        String.format(Locale.ROOT, "<= %.2f", LOOP_RATIO_TARGET)),
                new Row("tight loop ratio, on / off, of minima", c -> ratio(c.loopRatioOfMinima()), ""));

        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        columns.forEach(c -> header.add("JDK " + c.jdk()));
        header.add("target");
        cells.add(header);
        for (Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.name()));
            columns.forEach(c -> line.add(row.cell().apply(c)));
            line.add(row.target());
            cells.add(line);
        }

        int[] widths = new int[header.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                text.append(String.format(Locale.ROOT, format, line.get(i)));
            }
            table.append(text.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    /** "812 ms (n=10)", or "-" without samples. */
    private static String millis(Histogram samples, double percentile, String format) {
        if (samples.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, format + " ms (n=%d)", samples.getValueAtPercentile(percentile) / 1e6,
                samples.getTotalCount());
    }
}
