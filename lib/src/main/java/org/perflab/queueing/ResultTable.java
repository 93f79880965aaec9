package org.perflab.queueing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.perflab.check.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A results table declared once and filled a row at a time, so a notebook cell says what it
 * measured instead of how to build columns. Every number column carries its unit in its name (the
 * method adds the suffix: {@code ms("mean")} is {@code mean_ms}) and a rounding, applied when the
 * row is added, so no cell rounds by hand.
 *
 * <pre>{@code
 * ResultTable trials = ResultTable.named("live trials").text("arrivals").count("trial")
 *         .ratio("utilization", 3).ms("service", 3).ms("mean_wait", 3);
 * trials.row("Poisson", 1, 0.78, 2.11, 3.2);
 * trials.table()
 * }</pre>
 *
 * <p>A NaN value is kept as a missing cell (a theory that has no formula for that row).
 */
public final class ResultTable {

    private enum Kind { TEXT, COUNT, NUMBER }

    private record Spec(String name, Kind kind, int decimals) {
    }

    private final String title;
    private final List<Spec> specs = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    private ResultTable(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public static ResultTable named(String title) {
        return new ResultTable(title);
    }

    /** A text column (a label: the layout, the arrival pattern). */
    public ResultTable text(String name) {
        return add(name, Kind.TEXT, 0);
    }

    /** A whole-number column (a trial number, requests, a queue length). */
    public ResultTable count(String name) {
        return add(name, Kind.COUNT, 0);
    }

    /** Milliseconds, named {@code name_ms}. */
    public ResultTable ms(String name, int decimals) {
        return add(name + "_ms", Kind.NUMBER, decimals);
    }

    /** A rate, named {@code name_per_sec}. */
    public ResultTable perSec(String name, int decimals) {
        return add(name + "_per_sec", Kind.NUMBER, decimals);
    }

    /** A multiple of the mean service time S, named {@code name_x_S}. */
    public ResultTable timesService(String name, int decimals) {
        return add(name + "_x_S", Kind.NUMBER, decimals);
    }

    /** A dimensionless number (a utilization, a ratio), named as given. */
    public ResultTable ratio(String name, int decimals) {
        return add(name, Kind.NUMBER, decimals);
    }

    private ResultTable add(String name, Kind kind, int decimals) {
        Objects.requireNonNull(name, "name");
        Require.between("decimals of column " + name, decimals, 0, 9, "give the digits after the point, 0 to 9");
        if (!rows.isEmpty()) {
            throw new IllegalStateException("declare every column before the first row; column " + name + " came after "
                    + rows.size() + " rows");
        }
        if (specs.stream().anyMatch(s -> s.name().equals(name))) {
            throw new IllegalArgumentException("column " + name + " is declared twice");
        }
        specs.add(new Spec(name, kind, decimals));
        return this;
    }

    /** One row, a value per declared column in order: text a String, counts and numbers any Number. */
    public ResultTable row(Object... values) {
        Require.that(values.length == specs.size(), "a row of " + title, values.length + " values",
                specs.size() + " values " + names(), "give one value per column, in the declared order");
        Object[] row = new Object[values.length];
        for (int c = 0; c < values.length; c++) {
            Spec spec = specs.get(c);
            Object value = values[c];
            if (spec.kind() == Kind.TEXT) {
                row[c] = String.valueOf(value);
            } else if (value instanceof Number number) {
                row[c] = spec.kind() == Kind.COUNT ? (Object) Math.toIntExact(number.longValue()) : round(number.doubleValue(), spec.decimals());
            } else {
                throw Require.invalid("column " + spec.name() + " of " + title,
                        value == null ? null : value.getClass().getSimpleName() + " " + value, "a number",
                        "give a number for this column");
            }
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The table as Tablesaw shows it in a notebook. */
    public Table table() {
        if (specs.isEmpty()) {
            throw new IllegalStateException(title + " has no columns; declare them with text, count, ms, perSec, ratio");
        }
        List<Column<?>> columns = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            Spec spec = specs.get(c);
            int index = c;
            switch (spec.kind()) {
                case TEXT -> columns.add(StringColumn.create(spec.name(), rows.stream().map(r -> (String) r[index]).toList()));
                case COUNT -> columns.add(IntColumn.create(spec.name(), rows.stream().mapToInt(r -> (Integer) r[index]).toArray()));
                case NUMBER -> columns.add(DoubleColumn.create(spec.name(), rows.stream().mapToDouble(r -> (Double) r[index]).toArray()));
            }
        }
        return Table.create(title, columns.toArray(new Column<?>[0]));
    }

    private List<String> names() {
        return specs.stream().map(Spec::name).toList();
    }

    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
