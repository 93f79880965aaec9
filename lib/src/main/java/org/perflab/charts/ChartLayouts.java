package org.perflab.charts;

import java.util.List;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Layouts, axes and reference lines shared by the chart builders: every axis has a title that names
 * its unit. The size is fixed so notebook and PNG look the same; {@link PlotlyFigures} turns on
 * plotly.js' automatic margins on every axis, so long tick labels shrink the plot instead of being cut.
 */
final class ChartLayouts {

    static final int WIDTH_PX = 760;
    static final int HEIGHT_PX = 420;

    private ChartLayouts() {
    }

    static Axis axis(String title, boolean log) {
        return Axis.builder().title(title).type(log ? Axis.Type.LOG : Axis.Type.LINEAR).build();
    }

    /** The axis title a log axis gets: the reader must not mistake equal steps for equal differences. */
    static String logTitle(String title, boolean log) {
        return log ? title + ", log scale" : title;
    }

    static Axis axisWithTicks(String title, double[] values, String[] labels) {
        return Axis.builder().title(title)
                .tickSettings(TickSettings.builder().tickMode(TickSettings.TickMode.ARRAY)
                        .arrayTicks(values, labels).build())
                .build();
    }

    static Layout.LayoutBuilder base(String title, Axis x, Axis y) {
        return Layout.builder().title(title).width(WIDTH_PX).height(HEIGHT_PX).xAxis(x).yAxis(y).showLegend(true);
    }

    /** The hidden x axis, 0 to 1 across the plot, that target lines are drawn on. */
    static final String FULL_WIDTH_AXIS = "x2";

    /**
     * A target across the whole plot, labelled at its right end ({@link PlotlyFigures} places the text
     * above the line). It is drawn on a hidden x axis spanning the plot from 0 to 1, which
     * {@link PlotlyFigures} adds, so it reaches both edges whatever the x axis is: numbers, a log
     * scale, or categories (whose first and last bar would otherwise stop it at their centres).
     */
    static Trace targetTrace(TargetLine target) {
        return ScatterTrace.builder(new double[] {0, 1}, new double[] {target.value(), target.value()})
                .mode(ScatterTrace.Mode.LINE_AND_TEXT).text(new String[] {"", target.label()})
                .line(Line.builder().color(TargetLine.COLOR).width(2).build())
                .xAxis(FULL_WIDTH_AXIS).name(target.label()).build();
    }

    static void addTargets(List<Trace> traces, List<TargetLine> targets) {
        for (TargetLine target : targets) {
            traces.add(targetTrace(target));
        }
    }

    static String requireTitle(String title) {
        return Require.notBlank("title", title, "say what the chart shows, e.g. \"p99 against load\"");
    }
}
