package org.perflab.queueing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Additions to a built chart that the chart builders do not offer yet: a shaded band (the 60 to 80%
 * utilization that queueing theory recommends, the seconds a burst lasts), a dashed model line
 * beside a sweep's measured series, and a solid line through samples taken over time. Both add a trace to the figure, so they show in the legend
 * under their name.
 *
 * <p>Belongs with the chart builders in {@code org.perflab.charts}; it lives here until those
 * builders grow a band and a model line of their own.
 */
public final class ChartOverlays {

    private ChartOverlays() {
    }

    /**
     * Shades {@code x0 ≤ x ≤ x1} from {@code y0} to {@code y1}, drawn under the data. On a log axis
     * give {@code y0 > 0}.
     */
    public static Figure band(Figure figure, String name, double x0, double x1, double y0, double y1) {
        Objects.requireNonNull(name, "name");
        Require.that(x1 > x0 && y1 > y0, "the band", "x " + x0 + " to " + x1 + ", y " + y0 + " to " + y1,
                "x0 < x1 and y0 < y1", "give each range from its lower to its higher end");
        Trace band = ScatterTrace.builder(new double[] {x0, x1, x1, x0, x0}, new double[] {y0, y0, y1, y1, y0})
                .mode(ScatterTrace.Mode.LINE).fill(ScatterTrace.Fill.TO_SELF).fillColor("rgba(44, 160, 44, 0.15)")
                .line(Line.builder().width(0.5).color("rgba(44, 160, 44, 0.4)").build()).name(name).build();
        List<Trace> traces = new ArrayList<>();
        traces.add(band);
        traces.addAll(Arrays.asList(figure.getTraces()));
        figure.setTraces(traces.toArray(new Trace[0]));
        return figure;
    }

    /** A dashed line (a model, not data) on the left y axis, drawn after the existing traces. */
    public static Figure modelLine(Figure figure, String name, double[] x, double[] y) {
        return append(figure, name, x, y, Line.builder().dash(Line.Dash.DASH).width(2).build());
    }

    /** A solid line through measurements too many or too close for markers (samples over time). */
    public static Figure measuredLine(Figure figure, String name, double[] x, double[] y) {
        return append(figure, name, x, y, Line.builder().width(1.5).build());
    }

    private static Figure append(Figure figure, String name, double[] x, double[] y, Line style) {
        Objects.requireNonNull(name, "name");
        Require.that(x.length == y.length && x.length >= 2, "line " + name, x.length + " x and " + y.length + " y",
                "at least two points, as many x as y", "give one y value for each x value, two or more");
        Trace line = ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).line(style).name(name).build();
        List<Trace> traces = new ArrayList<>(Arrays.asList(figure.getTraces()));
        traces.add(line);
        figure.setTraces(traces.toArray(new Trace[0]));
        return figure;
    }
}
