/**
 * Charts for the workbook, built as Tablesaw {@link tech.tablesaw.plotly.components.Figure}s and
 * shown by the kernel as Plotly JSON ({@link org.perflab.charts.PlotlyFigures}).
 *
 * <p>{@link org.perflab.charts.LatencyCharts} draws latency distributions (histogram, CDF,
 * percentile spectrum on a nines axis, percentile bars) and the waterfall of a traced request;
 * {@link org.perflab.charts.LoadCurveChart} draws latency against load beside a theory curve;
 * {@link org.perflab.charts.XyChart} draws measured points beside a model's dashed line;
 * {@link org.perflab.charts.SeriesChart} draws measured series against a swept setting or time,
 * with a second y axis and markers for theory;
 * {@link org.perflab.charts.BarCharts} draws one bar per category for other measurements.
 * Every axis title names its unit, so a chart read on its own still says what it measured.
 */
package org.perflab.charts;
