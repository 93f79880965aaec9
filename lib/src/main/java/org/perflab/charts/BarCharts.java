package org.perflab.charts;

import java.util.Map;
import java.util.Objects;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;

/**
 * One bar per category for a measurement that is not a latency distribution: insert throughput per
 * set of indexes, rows read per plan. Latencies have {@link LatencyCharts#percentileBars}.
 */
public final class BarCharts {

    private BarCharts() {
    }

    /**
     * @param categoryTitle the x axis title: what the bars are ("secondary indexes")
     * @param valueTitle    the y axis title with its unit ("rows inserted per second")
     * @param values        category to value, in bar order (pass a {@link java.util.LinkedHashMap})
     */
    public static Figure values(String title, String categoryTitle, String valueTitle,
                                Map<String, ? extends Number> values) {
        return values(title, categoryTitle, valueTitle, values, false);
    }

    /** The bars with values on a log axis when {@code logValues}, for values that span decades. */
    public static Figure values(String title, String categoryTitle, String valueTitle,
                                Map<String, ? extends Number> values, boolean logValues) {
        ChartLayouts.requireTitle(title);
        Objects.requireNonNull(values, "values");
        Require.that(!values.isEmpty(), "values", "empty", "at least one bar", "put a label and a number in the map");
        Object[] categories = values.keySet().toArray();
        double[] heights = values.values().stream().mapToDouble(Number::doubleValue).toArray();
        Layout layout = ChartLayouts.base(title,
                        Axis.builder().title(ChartLayouts.requireTitle(categoryTitle)).type(Axis.Type.CATEGORY).build(),
                        ChartLayouts.axis(ChartLayouts.logTitle(ChartLayouts.requireTitle(valueTitle), logValues),
                                logValues))
                .showLegend(false).build();
        return new Figure(layout, BarTrace.builder(categories, heights).name(valueTitle).build());
    }
}
