package org.perflab.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Figure;

/**
 * Latency against load: measured points beside a theory curve, the picture of a queue's knee.
 *
 * <pre>{@code
 * LoadCurveChart.builder("1 server, exponential service, S = 2.1 ms")
 *     .points("measured mean", utilization, meanMs)
 *     .curve("M/M/1 mean: S / (1 - rho)", rho -> serviceMs / (1 - rho))
 *     .build()
 * }</pre>
 *
 * <p>Curves are drawn from 0 to {@link Builder#maxUtilization} (default 0.95: the formulas run to
 * infinity at 1), as dashed lines so they read as predictions, not data.
 */
public final class LoadCurveChart {

    public static final double DEFAULT_MAX_UTILIZATION = 0.95;
    static final int CURVE_POINTS = 120;

    private LoadCurveChart() {
    }

    public static Builder builder(String title) {
        return new Builder(ChartLayouts.requireTitle(title));
    }

    private record Curve(String name, DoubleUnaryOperator latencyMs) {
    }

    /** Collects the series of one chart. */
    public static final class Builder {
        private final XyChart.Builder chart;
        private double maxUtilization = DEFAULT_MAX_UTILIZATION;
        private final List<Curve> curves = new ArrayList<>();

        private Builder(String title) {
            this.chart = XyChart.builder(title).xTitle("utilization ρ (measured busy fraction)").yTitle("latency (ms)");
        }

        /** Measured values as markers; {@code x} and {@code latencyMs} must be the same length. */
        public Builder points(String name, double[] x, double[] latencyMs) {
            chart.points(name, x, latencyMs);
            return this;
        }

        /** A theory curve, latency in ms as a function of utilization, drawn dashed. */
        public Builder curve(String name, DoubleUnaryOperator latencyMsAtUtilization) {
            curves.add(new Curve(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(latencyMsAtUtilization, "latencyMsAtUtilization")));
            return this;
        }

        /** Right end of the theory curves. Default 0.95; must be in (0, 1). */
        public Builder maxUtilization(double maxUtilization) {
            Require.that(maxUtilization > 0 && maxUtilization < 1, "maxUtilization", maxUtilization, "> 0 and < 1",
                    "give the right end of the theory curves below 1, e.g. 0.95; at 1 they are infinite");
            this.maxUtilization = maxUtilization;
            return this;
        }

        /** A labelled horizontal target (a latency objective, in ms) across the chart. */
        public Builder target(String label, double latencyMs) {
            chart.target(label, latencyMs);
            return this;
        }

        /** The x axis title, with its unit. Default: measured utilization. */
        public Builder xTitle(String xTitle) {
            chart.xTitle(xTitle);
            return this;
        }

        /** The y axis title, with its unit. Default {@code latency (ms)}. */
        public Builder yTitle(String yTitle) {
            chart.yTitle(yTitle);
            return this;
        }

        /** Latency on a log axis, when the knee makes the low-load points unreadable. Default off. */
        public Builder logLatency(boolean logLatency) {
            chart.logY(logLatency);
            return this;
        }

        public Figure build() {
            if (chart.isEmpty() && curves.isEmpty()) {
                throw new IllegalStateException("a load curve needs points or a curve; add one with points(...) or curve(...)");
            }
            for (Curve curve : curves) {
                double[] x = new double[CURVE_POINTS + 1];
                double[] y = new double[CURVE_POINTS + 1];
                for (int i = 0; i <= CURVE_POINTS; i++) {
                    x[i] = maxUtilization * i / CURVE_POINTS;
                    y[i] = curve.latencyMs().applyAsDouble(x[i]);
                }
                chart.line(curve.name(), x, y);
            }
            curves.clear();
            return chart.build();
        }
    }
}
