package org.perflab.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.perflab.check.Require;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.PercentileSpectrum;
import org.perflab.tracing.SpanTimeline;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The latency charts of the workbook, as Tablesaw {@link Figure}s the kernel draws with Plotly.
 * Every axis is titled with its unit, and every chart takes the run names as legend entries.
 *
 * <ul>
 *   <li>{@link #histogram}: how many requests took how long (linear ms bins, counts optionally on a
 *       log axis so a 1% tail stays visible beside the 99% body).</li>
 *   <li>{@link #percentileSpectrum}: latency against percentile on a "nines" axis (50%, 90%, 99%,
 *       99.9% equally spaced), where tails are compared, optionally with a {@link TargetLine}.</li>
 *   <li>{@link #cdf}: the plain cumulative distribution, percentile against latency.</li>
 *   <li>{@link #percentileBars}: p50, p90, p99, p99.9 and max of several runs side by side, on a
 *       linear or log latency axis, optionally with a {@link TargetLine}.</li>
 *   <li>{@link #waterfall}: one traced request, a bar per span from its start for its duration.</li>
 * </ul>
 *
 * <p>Inputs are in nanoseconds, as recorded; the charts show milliseconds.
 */
public final class LatencyCharts {

    /** Bins of a histogram when none are asked for. */
    public static final int DEFAULT_BINS = 80;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final String LATENCY_MS = "latency (ms)";
    private static final String TRANSPARENT = "rgba(0,0,0,0)";

    private LatencyCharts() {
    }

    // ---- Histogram ------------------------------------------------------------------------------

    /** One run's histogram: {@value #DEFAULT_BINS} bins, counts on a log axis. */
    public static Figure histogram(String title, AbstractHistogram latenciesNanos) {
        return histogram(title, Map.of("requests", latenciesNanos), DEFAULT_BINS, true);
    }

    /**
     * Overlaid histograms of several runs on common bins from 0 to the largest value of any run.
     *
     * @param runs      run name to its latencies in nanoseconds, in legend order
     * @param bins      how many equal-width bins
     * @param logCounts count axis logarithmic: a bin with one request stays visible next to one with
     *                  a thousand (empty bins then draw nothing)
     */
    public static Figure histogram(String title, Map<String, ? extends AbstractHistogram> runs, int bins,
                                   boolean logCounts) {
        ChartLayouts.requireTitle(title);
        requireRuns(runs);
        Require.atLeast("bins", bins, 1, "give at least one bin, e.g. 50");
        long maxNanos = runs.values().stream().mapToLong(AbstractHistogram::getMaxValue).max().orElse(0);
        double widthMs = Math.max(maxNanos / NANOS_PER_MILLI, 1e-3) / bins;
        List<Trace> traces = new ArrayList<>();
        runs.forEach((name, histogram) -> {
            double[] counts = new double[bins];
            for (HistogramIterationValue value : histogram.recordedValues()) {
                int bin = (int) Math.min(bins - 1, value.getValueIteratedTo() / NANOS_PER_MILLI / widthMs);
                counts[bin] += value.getCountAtValueIteratedTo();
            }
            Object[] centers = new Object[bins];
            for (int i = 0; i < bins; i++) {
                centers[i] = (i + 0.5) * widthMs;
            }
            traces.add(BarTrace.builder(centers, counts).name(name).opacity(runs.size() > 1 ? 0.6 : 1.0).build());
        });
        Layout layout = ChartLayouts.base(title, ChartLayouts.axis(LATENCY_MS, false),
                        ChartLayouts.axis(logCounts ? "requests (log scale)" : "requests", logCounts))
                .barMode(Layout.BarMode.OVERLAY).showLegend(runs.size() > 1).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    // ---- Percentiles ----------------------------------------------------------------------------

    /** One run's percentile spectrum on a nines axis. */
    public static Figure percentileSpectrum(String title, PercentileSpectrum spectrum) {
        return percentileSpectrum(title, Map.of("requests", spectrum));
    }

    /**
     * Latency (ms, log axis) against percentile on a nines axis: x is {@code -log10(1 - p/100)},
     * so 90%, 99%, 99.9% sit one unit apart and the tail gets as much room as the body. The 100%
     * point (the maximum) is drawn at "1 in count", the rarest event the run could show.
     */
    public static Figure percentileSpectrum(String title, Map<String, PercentileSpectrum> runs) {
        return spectrum(title, runs, null, true);
    }

    /**
     * The spectrum with a labelled latency target across it, such as the service-level objective
     * "p99 ≤ 50 ms" at 50: where a run's line crosses it, that percentile misses the target.
     */
    public static Figure percentileSpectrum(String title, Map<String, PercentileSpectrum> runs, TargetLine target) {
        return spectrum(title, runs, Objects.requireNonNull(target, "target"), true);
    }

    /**
     * The spectrum with a target, on a linear latency axis when {@code logLatency} is false: for runs
     * whose fastest requests take microseconds (exponential service times), a log axis gives the
     * decades below 1 ms most of the height and squeezes the tail, where the runs differ.
     */
    public static Figure percentileSpectrum(String title, Map<String, PercentileSpectrum> runs, TargetLine target,
                                            boolean logLatency) {
        return spectrum(title, runs, Objects.requireNonNull(target, "target"), logLatency);
    }

    private static Figure spectrum(String title, Map<String, PercentileSpectrum> runs, TargetLine target,
                                   boolean logLatency) {
        ChartLayouts.requireTitle(title);
        requireRuns(runs);
        List<Trace> traces = new ArrayList<>();
        double maxNines = 1;
        for (Map.Entry<String, PercentileSpectrum> run : runs.entrySet()) {
            List<PercentileSpectrum.Point> points = run.getValue().points();
            long count = points.isEmpty() ? 1 : points.get(points.size() - 1).countAtOrBelow();
            double[] nines = new double[points.size()];
            double[] millis = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                nines[i] = nines(points.get(i).percentile(), count);
                millis[i] = points.get(i).valueMillis();
                maxNines = Math.max(maxNines, nines[i]);
            }
            traces.add(ScatterTrace.builder(nines, millis).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .name(run.getKey()).build());
        }
        if (target != null) {
            traces.add(ChartLayouts.targetTrace(target));
        }
        int ticks = (int) Math.ceil(maxNines) + 1;
        double[] tickValues = new double[ticks + 1];
        String[] tickLabels = new String[ticks + 1];
        tickValues[0] = 0;
        tickLabels[0] = "0%";
        tickValues[1] = nines(50, Long.MAX_VALUE);
        tickLabels[1] = "50%";
        for (int n = 1; n < ticks; n++) {
            tickValues[n + 1] = n;
            tickLabels[n + 1] = ninesLabel(n);
        }
        Layout layout = ChartLayouts.base(title,
                ChartLayouts.axisWithTicks("percentile (nines scale: 90%, 99%, 99.9% equally spaced)", tickValues,
                        tickLabels),
                ChartLayouts.axis(ChartLayouts.logTitle(LATENCY_MS, logLatency), logLatency)).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Percentile (0 to 100) against latency (ms): the cumulative distribution of each run. */
    public static Figure cdf(String title, Map<String, PercentileSpectrum> runs) {
        ChartLayouts.requireTitle(title);
        requireRuns(runs);
        List<Trace> traces = new ArrayList<>();
        runs.forEach((name, spectrum) -> {
            List<PercentileSpectrum.Point> points = spectrum.points();
            double[] millis = points.stream().mapToDouble(PercentileSpectrum.Point::valueMillis).toArray();
            double[] percentiles = points.stream().mapToDouble(PercentileSpectrum.Point::percentile).toArray();
            traces.add(ScatterTrace.builder(millis, percentiles).mode(ScatterTrace.Mode.LINE).name(name).build());
        });
        Layout layout = ChartLayouts.base(title, ChartLayouts.axis(LATENCY_MS, false),
                ChartLayouts.axis("requests at or below (%)", false)).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** p50, p90, p99, p99.9 and max of each run as grouped bars (ms). */
    public static Figure percentileBars(String title, Map<String, LatencySummary> runs) {
        return bars(title, runs, false, null);
    }

    /**
     * The bars with latency on a log axis when {@code logLatency}: a fix that takes p99 from 500 ms
     * to 5 ms leaves a bar too short to see on a linear axis.
     */
    public static Figure percentileBars(String title, Map<String, LatencySummary> runs, boolean logLatency) {
        return bars(title, runs, logLatency, null);
    }

    /** The bars with a labelled latency target (a service-level objective in ms) across them. */
    public static Figure percentileBars(String title, Map<String, LatencySummary> runs, boolean logLatency,
                                        TargetLine target) {
        return bars(title, runs, logLatency, Objects.requireNonNull(target, "target"));
    }

    private static Figure bars(String title, Map<String, LatencySummary> runs, boolean logLatency, TargetLine target) {
        ChartLayouts.requireTitle(title);
        requireRuns(runs);
        Map<String, ToDoubleFunction<LatencySummary>> statistics = new LinkedHashMap<>();
        statistics.put("p50", LatencySummary::p50Millis);
        statistics.put("p90", LatencySummary::p90Millis);
        statistics.put("p99", LatencySummary::p99Millis);
        statistics.put("p99.9", LatencySummary::p999Millis);
        statistics.put("max", LatencySummary::maxMillis);
        Object[] labels = statistics.keySet().toArray();
        List<Trace> traces = new ArrayList<>();
        runs.forEach((name, summary) -> traces.add(BarTrace.builder(labels,
                statistics.values().stream().mapToDouble(statistic -> statistic.applyAsDouble(summary)).toArray())
                .name(name).build()));
        if (target != null) {
            traces.add(ChartLayouts.targetTrace(target));
        }
        Layout layout = ChartLayouts.base(title, Axis.builder().title("statistic").type(Axis.Type.CATEGORY).build(),
                ChartLayouts.axis(ChartLayouts.logTitle(LATENCY_MS, logLatency), logLatency))
                .barMode(Layout.BarMode.GROUP).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    // ---- Waterfall ------------------------------------------------------------------------------

    /**
     * One traced request as a waterfall: a bar per span, from its start offset for its duration
     * (ms), the request at the top and each child indented below its parent. Drawn as stacked
     * horizontal bars whose first, invisible part is the offset.
     */
    public static Figure waterfall(String title, SpanTimeline timeline) {
        ChartLayouts.requireTitle(title);
        Objects.requireNonNull(timeline, "timeline");
        List<SpanTimeline.Segment> segments = timeline.segments();
        Object[] labels = new Object[segments.size()];
        double[] offsets = new double[segments.size()];
        double[] durations = new double[segments.size()];
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            SpanTimeline.Segment segment = segments.get(i);
            String label = SpanTimeline.indented(segment);
            // Plotly merges equal category labels into one row; number repeats instead.
            int repeat = seen.merge(label, 1, Integer::sum);
            labels[i] = repeat == 1 ? label : label + " #" + repeat;
            offsets[i] = segment.startOffsetMillis();
            durations[i] = segment.durationMillis();
        }
        Trace offset = BarTrace.builder(labels, offsets).orientation(BarTrace.Orientation.HORIZONTAL)
                .marker(Marker.builder().color(TRANSPARENT).build()).showLegend(false).name("start offset").build();
        Trace duration = BarTrace.builder(labels, durations).orientation(BarTrace.Orientation.HORIZONTAL)
                .name("duration (ms)").showLegend(false).build();
        Axis y = Axis.builder().title("span").type(Axis.Type.CATEGORY).autoRange(Axis.AutoRange.REVERSED).build();
        Layout layout = Layout.builder().title(title).width(ChartLayouts.WIDTH_PX)
                .height(160 + 32 * segments.size()).xAxis(ChartLayouts.axis("time since the request started (ms)", false))
                .yAxis(y).barMode(Layout.BarMode.STACK).showLegend(false).build();
        return new Figure(layout, offset, duration);
    }

    // ---- Helpers --------------------------------------------------------------------------------

    /** -log10(1 - p/100); 100% becomes "one in count". */
    static double nines(double percentile, long count) {
        double tail = 1 - percentile / 100;
        if (tail <= 0) {
            return Math.log10(Math.max(count, 2));
        }
        return -Math.log10(tail);
    }

    private static String ninesLabel(int nines) {
        StringBuilder label = new StringBuilder(nines == 1 ? "90" : "99");
        if (nines > 2) {
            label.append('.').append("9".repeat(nines - 2));
        }
        return label.append('%').toString();
    }

    private static void requireRuns(Map<String, ?> runs) {
        Objects.requireNonNull(runs, "runs");
        Require.that(!runs.isEmpty(), "runs", "empty", "at least one run", "put a name and its histogram in the map");
    }
}
