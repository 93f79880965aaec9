package org.perflab.scaling;

import org.perflab.charts.XyChart;
import tech.tablesaw.plotly.components.Figure;

/**
 * Measured throughput against concurrency (markers) with a fitted {@link UslFit} drawn through it (a
 * line) and its peak marked, on linear axes.
 */
public final class UslChart {

    /** Points on the drawn curve: enough for a smooth line. */
    private static final int CURVE_POINTS = 80;

    private UslChart() {
    }

    /**
     * @param concurrency the measured N, at least one
     * @param throughput  the measured X at each N
     * @param unit        the throughput's unit, for the axis ("requests/s")
     */
    public static Figure of(String title, double[] concurrency, double[] throughput, UslFit fit, String unit) {
        double high = 0;
        for (double n : concurrency) {
            high = Math.max(high, n);
        }
        double peak = fit.law().peakConcurrency();
        // Draw a little past the last point, and past the peak when it is near, so the turn is visible.
        double end = Double.isFinite(peak) && peak < 4 * high ? Math.max(high, peak * 1.5) : high * 1.5;
        double[] n = new double[CURVE_POINTS];
        double[] x = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            n[i] = 1 + (end - 1) * i / (CURVE_POINTS - 1);
            x[i] = fit.throughputAt(n[i]);
        }
        // Linear axes: on a log N axis linear scaling itself looks curved. The fit is a model, so a line; the
        // measurements are markers.
        XyChart.Builder chart = XyChart.builder(title).xTitle("concurrency N").yTitle("throughput (" + unit + ")")
                .points("measured", concurrency, throughput)
                .line(String.format(java.util.Locale.ROOT, "USL fit: sigma %.3g, kappa %.3g", fit.law().sigma(), fit.law().kappa()), n, x);
        if (Double.isFinite(peak) && peak <= end) {
            chart.points(String.format(java.util.Locale.ROOT, "fit's peak N* = %.0f", peak), new double[] {peak},
                    new double[] {fit.throughputAt(peak)});
        }
        return chart.build();
    }
}
