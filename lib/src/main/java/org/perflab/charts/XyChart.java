package org.perflab.charts;

import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.perflab.check.Require;

/**
 * Measured points beside model lines on two numeric axes, either of them logarithmic: time against
 * N, throughput against pool size. Markers are data; dashed lines are predictions, so a reader never
 * mistakes one for the other.
 *
 * <pre>{@code
 * XyChart.builder("Time to load N posts").xTitle("N (posts)").yTitle("time per load (ms)").logX(true).logY(true)
 *     .points("one query per post", n, millis)
 *     .line("model: (N + 1) x round trip", n, predicted)
 *     .target("SLO: 50 ms per page", 50)
 *     .build()
 * }</pre>
 */
public final class XyChart {

    private XyChart() {
    }

    public static Builder builder(String title) {
        return new Builder(ChartLayouts.requireTitle(title));
    }

    /** Collects the series of one chart. */
    public static final class Builder {
        private final String title;
        private final List<Trace> traces = new ArrayList<>();
        private final List<TargetLine> targets = new ArrayList<>();
        private String xTitle = "x";
        private String yTitle = "y";
        private boolean logX;
        private boolean logY;

        private Builder(String title) {
            this.title = title;
        }

        /** Measured values as markers; {@code x} and {@code y} must be the same length. */
        public Builder points(String name, double[] x, double[] y) {
            requireSeries(name, x, y);
            traces.add(ScatterTrace.builder(x.clone(), y.clone()).mode(ScatterTrace.Mode.MARKERS)
                    .marker(Marker.builder().size(9).build()).name(name).build());
            return this;
        }

        /** A prediction drawn as a dashed line through ({@code x}, {@code y}). */
        public Builder line(String name, double[] x, double[] y) {
            requireSeries(name, x, y);
            traces.add(ScatterTrace.builder(x.clone(), y.clone()).mode(ScatterTrace.Mode.LINE).name(name)
                    .line(Line.builder().dash(Line.Dash.DASH).width(2).build()).build());
            return this;
        }

        /**
         * A horizontal target at {@code y} (a service-level objective), solid red and labelled, across
         * the whole plot; the chart still needs points or a line.
         */
        public Builder target(String label, double y) {
            targets.add(TargetLine.of(label, y));
            return this;
        }

        /** The x axis title, with its unit. */
        public Builder xTitle(String xTitle) {
            this.xTitle = ChartLayouts.requireTitle(xTitle);
            return this;
        }

        /** The y axis title, with its unit. */
        public Builder yTitle(String yTitle) {
            this.yTitle = ChartLayouts.requireTitle(yTitle);
            return this;
        }

        /** A log x axis, for sizes that span decades. Default off. */
        public Builder logX(boolean logX) {
            this.logX = logX;
            return this;
        }

        /** A log y axis, for values that span decades. Default off. */
        public Builder logY(boolean logY) {
            this.logY = logY;
            return this;
        }

        boolean isEmpty() {
            return traces.isEmpty();
        }

        public Figure build() {
            if (traces.isEmpty()) {
                throw new IllegalStateException("a chart needs data; add points(...) or line(...)");
            }
            List<Trace> all = new ArrayList<>(traces);
            ChartLayouts.addTargets(all, targets);
            return new Figure(ChartLayouts.base(title,
                    ChartLayouts.axis(ChartLayouts.logTitle(xTitle, logX), logX),
                    ChartLayouts.axis(ChartLayouts.logTitle(yTitle, logY), logY)).build(),
                    all.toArray(new Trace[0]));
        }

        private static void requireSeries(String name, double[] x, double[] y) {
            Objects.requireNonNull(name, "name");
            Require.that(x.length == y.length, "y's length", y.length, "x's length (" + x.length + ")",
                    "give one y value for each x value");
        }
    }
}
