package org.perflab.charts;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.TickSettings;

/** Layouts and axes shared by the chart builders: every axis has a title that names its unit. */
final class ChartLayouts {

    static final int WIDTH_PX = 760;
    static final int HEIGHT_PX = 420;

    private ChartLayouts() {
    }

    static Axis axis(String title, boolean log) {
        return Axis.builder().title(title).type(log ? Axis.Type.LOG : Axis.Type.LINEAR).build();
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

    static String requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must say what the chart shows but was "
                    + (title == null ? "null" : "blank"));
        }
        return title;
    }
}
