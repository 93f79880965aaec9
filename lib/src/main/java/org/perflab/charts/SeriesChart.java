package org.perflab.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Measured series against one x axis (a swept setting such as pool size, or time), with an
 * optional second y axis on the right for a quantity in another unit, dashed vertical
 * markers for a value theory predicts or the start of a phase, and labelled horizontal targets.
 * A few measured points are drawn as lines with markers ({@link Builder#series}), hundreds of
 * samples as a plain line ({@link Builder#samples}), a model as a dashed line ({@link Builder#model}).
 *
 * <pre>{@code
 * SeriesChart.builder("Pool size sweep", "pool size (connections)")
 *     .left("throughput (req/s)").right("p99 latency (ms)", true)
 *     .series("throughput", sizes, perSecond)
 *     .rightSeries("p99", sizes, p99Ms)
 *     .marker("cores x 2 + spindles = 5", 5)
 *     .target("SLO: 2,000 req/s", 2000)
 *     .build()
 * }</pre>
 *
 * <p>Surprise: a marker is drawn as a line from the lowest to the highest left-axis value, so it
 * needs at least one left series to know its height.
 */
public final class SeriesChart {

    private SeriesChart() {
    }

    public static Builder builder(String title, String xTitle) {
        return new Builder(ChartLayouts.requireTitle(title), ChartLayouts.requireTitle(xTitle));
    }

    /** How a series is drawn: a few measured points, a dense measured trace, or a model's prediction. */
    private enum Style { POINTS, SAMPLES, MODEL }

    private record Series(String name, double[] x, double[] y, boolean right, Style style) {
    }

    private record VerticalMarker(String label, double x) {
    }

    /** Collects the series, axes and markers of one chart. */
    public static final class Builder {
        private final String title;
        private final String xTitle;
        private String leftTitle = "value";
        private boolean leftLog;
        private String rightTitle;
        private boolean rightLog;
        private boolean logX;
        private final List<Series> series = new ArrayList<>();
        private final List<VerticalMarker> markers = new ArrayList<>();
        private final List<TargetLine> targets = new ArrayList<>();

        private Builder(String title, String xTitle) {
            this.title = title;
            this.xTitle = xTitle;
        }

        /** The left y axis title, with its unit. */
        public Builder left(String title) {
            return left(title, false);
        }

        public Builder left(String title, boolean log) {
            this.leftTitle = ChartLayouts.requireTitle(title);
            this.leftLog = log;
            return this;
        }

        /** Adds a right y axis for series in another unit. */
        public Builder right(String title, boolean log) {
            this.rightTitle = ChartLayouts.requireTitle(title);
            this.rightLog = log;
            return this;
        }

        /** The x axis on a log scale (pool sizes 1 to 32 spread evenly). Default off. */
        public Builder logX(boolean logX) {
            this.logX = logX;
            return this;
        }

        /** A series on the left axis, lines and markers; {@code x} and {@code y} must be the same length. */
        public Builder series(String name, double[] x, double[] y) {
            return add(name, x, y, false, Style.POINTS);
        }

        /** A series on the right axis; needs {@link #right}. */
        public Builder rightSeries(String name, double[] x, double[] y) {
            return add(name, x, y, true, Style.POINTS);
        }

        /**
         * A dense measured series on the left axis (hundreds of samples over time) as a thin solid line
         * without markers: 600 markers hide the shape they sample.
         */
        public Builder samples(String name, double[] x, double[] y) {
            return add(name, x, y, false, Style.SAMPLES);
        }

        /** A dense measured series on the right axis; needs {@link #right}. */
        public Builder rightSamples(String name, double[] x, double[] y) {
            return add(name, x, y, true, Style.SAMPLES);
        }

        /** A model's prediction on the left axis, a dashed line without markers, so it never reads as data. */
        public Builder model(String name, double[] x, double[] y) {
            return add(name, x, y, false, Style.MODEL);
        }

        /** A labelled horizontal target (a service-level objective) at {@code y} on the left axis. */
        public Builder target(String label, double y) {
            targets.add(TargetLine.of(label, y));
            return this;
        }

        /** A dashed vertical line at {@code x}, named in the legend. */
        public Builder marker(String label, double x) {
            markers.add(new VerticalMarker(Objects.requireNonNull(label, "label"), x));
            return this;
        }

        private Builder add(String name, double[] x, double[] y, boolean right, Style style) {
            Objects.requireNonNull(name, "name");
            Require.that(x.length == y.length, "series '" + name + "': y's length", y.length,
                    "x's length (" + x.length + ")", "give one y value for each x value");
            if (x.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' has no points");
            }
            series.add(new Series(name, x.clone(), y.clone(), right, style));
            return this;
        }

        public Figure build() {
            List<Series> left = series.stream().filter(s -> !s.right()).toList();
            if (left.isEmpty()) {
                throw new IllegalStateException("a series chart needs at least one left-axis series; add one with"
                        + " series(...)");
            }
            boolean hasRight = series.stream().anyMatch(Series::right);
            if (hasRight && rightTitle == null) {
                throw new IllegalStateException("right-axis series need right(title, log) for their axis title");
            }
            List<Trace> traces = new ArrayList<>();
            for (Series s : series) {
                ScatterTrace.ScatterBuilder trace = ScatterTrace.builder(s.x(), s.y()).name(s.name());
                switch (s.style()) {
                    case POINTS -> trace.mode(ScatterTrace.Mode.LINE_AND_MARKERS).marker(Marker.builder().size(8).build());
                    case SAMPLES -> trace.mode(ScatterTrace.Mode.LINE).line(Line.builder().width(1.5).build());
                    case MODEL -> trace.mode(ScatterTrace.Mode.LINE).line(Line.builder().dash(Line.Dash.DASH).width(2).build());
                }
                if (s.right()) {
                    trace.yAxis(ScatterTrace.YAxis.Y2);
                }
                traces.add(trace.build());
            }
            double low = left.stream().flatMapToDouble(s -> Arrays.stream(s.y())).min().orElse(0);
            double high = left.stream().flatMapToDouble(s -> Arrays.stream(s.y())).max().orElse(1);
            for (VerticalMarker marker : markers) {
                traces.add(ScatterTrace.builder(new double[] {marker.x(), marker.x()},
                                new double[] {leftLog ? low : Math.min(0, low), high})
                        .mode(ScatterTrace.Mode.LINE).name(marker.label())
                        .line(Line.builder().dash(Line.Dash.DASH).width(2).build()).build());
            }
            ChartLayouts.addTargets(traces, targets);
            Layout.LayoutBuilder layout = ChartLayouts.base(title, ChartLayouts.axis(xTitle, logX),
                    ChartLayouts.axis(ChartLayouts.logTitle(leftTitle, leftLog), leftLog));
            if (hasRight) {
                layout.yAxis2(Axis.builder().title(ChartLayouts.logTitle(rightTitle, rightLog))
                        .type(rightLog ? Axis.Type.LOG : Axis.Type.LINEAR)
                        .overlaying(ScatterTrace.YAxis.Y).side(Axis.Side.right).build());
            }
            return new Figure(layout.build(), traces.toArray(new Trace[0]));
        }
    }
}
