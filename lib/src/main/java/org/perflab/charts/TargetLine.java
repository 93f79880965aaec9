package org.perflab.charts;

import java.util.Objects;
import org.perflab.check.Require;

/**
 * A horizontal reference line across a chart, such as a service-level objective ("p99 ≤ 50 ms"):
 * drawn solid red at {@code value} on the chart's y axis, with its label written on the line and
 * in the legend, so a reader sees at a glance which measurements are over the target.
 *
 * @param label what the line is, with its unit ("SLO: p99 ≤ 50 ms")
 * @param value its height in the y axis' unit
 */
public record TargetLine(String label, double value) {

    /** Red for a threshold: no default plotly.js trace colour is this red, so it never reads as data. */
    static final String COLOR = "#d62728";

    public TargetLine {
        ChartLayouts.requireTitle(Objects.requireNonNull(label, "label"));
        Require.that(Double.isFinite(value), "target '" + label + "'", value, "finite",
                "check the formula that computed it: a division by zero gives no line");
    }

    /** A target line; same as the constructor, reads better in a cell. */
    public static TargetLine of(String label, double value) {
        return new TargetLine(label, value);
    }
}
