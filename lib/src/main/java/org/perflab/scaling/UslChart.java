package org.perflab.scaling;

import org.perflab.charts.SeriesChart;
import tech.tablesaw.plotly.components.Figure;

/** Measured throughput against concurrency with a fitted {@link UslFit} drawn through it and its peak marked. */
public final class UslChart {

    /** Points on the drawn curve: enough for a smooth line on a log axis. */
    private static final int CURVE_POINTS = 60;

    private UslChart() {
    }

    /**
     * @param concurrency the measured N, at least one
     * @param throughput  the measured X at each N
     * @param unit        the throughput's unit, for the axis ("requests/s")
     */
    public static Figure of(String title, double[] concurrency, double[] throughput, UslFit fit, String unit) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (double n : concurrency) {
            low = Math.min(low, n);
            high = Math.max(high, n);
        }
        double peak = fit.law().peakConcurrency();
        // Draw a little past the last point, and past the peak when it is near, so the turn is visible.
        double end = Double.isFinite(peak) && peak < 4 * high ? Math.max(high, peak * 1.5) : high * 1.5;
        double[] n = new double[CURVE_POINTS];
        double[] x = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            n[i] = low * Math.pow(end / low, i / (double) (CURVE_POINTS - 1));
            x[i] = fit.throughputAt(n[i]);
        }
        SeriesChart.Builder chart = SeriesChart.builder(title, "concurrency N").logX(true)
                .left("throughput (" + unit + ")")
                .series("measured", concurrency, throughput)
                .series(String.format(java.util.Locale.ROOT, "USL fit: sigma %.3g, kappa %.3g", fit.law().sigma(), fit.law().kappa()), n, x);
        if (Double.isFinite(peak) && peak <= end) {
            chart.marker(String.format(java.util.Locale.ROOT, "peak N* = %.0f", peak), peak);
        }
        return chart.build();
    }
}
