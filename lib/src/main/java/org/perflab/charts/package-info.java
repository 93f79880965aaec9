/**
 * Charts for the workbook, built as Tablesaw {@link tech.tablesaw.plotly.components.Figure}s and
 * shown by the kernel as Plotly JSON ({@link org.perflab.charts.PlotlyFigures}).
 *
 * <p>{@link org.perflab.charts.LatencyCharts} draws latency distributions (histogram, CDF,
 * percentile spectrum on a nines axis, percentile bars) and the waterfall of a traced request;
 * {@link org.perflab.charts.LoadCurveChart} draws latency against load beside a theory curve.
 * Every axis title names its unit, so a chart read on its own still says what it measured.
 */
package org.perflab.charts;
