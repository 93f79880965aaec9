package org.perflab.cache;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Tablesaw table with one row per result, declared column by column: a name and how to read the
 * value from a result. Decimal columns print four decimals (hit ratios to a hundredth of a per cent,
 * milliseconds to a tenth of a microsecond).
 */
final class RowTable<T> {

    private final String name;
    private final List<Function<List<T>, Column<?>>> columns = new ArrayList<>();

    RowTable(String name) {
        this.name = name;
    }

    RowTable<T> text(String column, Function<T, String> value) {
        columns.add(rows -> StringColumn.create(column, rows.stream().map(value).toList()));
        return this;
    }

    RowTable<T> count(String column, ToLongFunction<T> value) {
        columns.add(rows -> LongColumn.create(column, rows.stream().mapToLong(value).toArray()));
        return this;
    }

    RowTable<T> decimal(String column, ToDoubleFunction<T> value) {
        columns.add(rows -> {
            DoubleColumn values = DoubleColumn.create(column, rows.stream().mapToDouble(value).toArray());
            values.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
            return values;
        });
        return this;
    }

    Table of(List<T> rows) {
        Table table = Table.create(name);
        for (Function<List<T>, Column<?>> column : columns) {
            table.addColumns(column.apply(rows));
        }
        return table;
    }
}
