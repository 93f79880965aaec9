package org.perflab.cache;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.Symbol;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The caching notebook's charts, where a measurement and its model share one colour (markers measured, a dashed
 * line the model) and every series says what it is where it is drawn: Zipf hit ratios beside the hottest keys' mass,
 * published traces by name, stale reads and hits against the time to live.
 */
public final class HitRatioCharts {

    /** Plotly's default colour cycle, fixed here so a measurement and its model get the same one. */
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"};
    static final String LRU_COLOUR = "#ff7f0e";
    static final String TINY_LFU_COLOUR = "#1f77b4";
    static final String OPTIMAL_COLOUR = "#444444";
    static final String HIT_RATIO = "hit ratio (share of requests)";

    private HitRatioCharts() {
    }

    /**
     * W-TinyLFU's hit ratio against cache size for each Zipf exponent (markers), with the hottest keys' mass at the
     * same sizes (a dashed line of the same colour): the best a cache that cannot see the future can do.
     *
     * @param measured measured[e][s]: the hit ratio at exponents[e] and sizes[s]
     * @param mass     mass[e][s]: the probability of the sizes[s] most popular keys at exponents[e]
     */
    public static Figure zipf(String title, int keys, int[] sizes, double[] exponents, double[][] measured, double[][] mass) {
        requireShape(exponents.length, sizes.length, measured, "measured");
        requireShape(exponents.length, sizes.length, mass, "mass");
        double[] x = java.util.Arrays.stream(sizes).asDoubleStream().toArray();
        List<Trace> traces = new ArrayList<>();
        for (int e = 0; e < exponents.length; e++) {
            String colour = COLOURS[e % COLOURS.length];
            String group = String.format(Locale.ROOT, "s = %.1f", exponents[e]);
            traces.add(ScatterTrace.builder(x, measured[e].clone()).mode(ScatterTrace.Mode.MARKERS)
                    .name(group + ": W-TinyLFU, measured").legendGroup(group)
                    .marker(Marker.builder().size(9).color(colour).build()).build());
            traces.add(ScatterTrace.builder(x, mass[e].clone()).mode(ScatterTrace.Mode.LINE)
                    .name(group + ": hottest keys' mass (model)").legendGroup(group)
                    .line(Line.builder().dash(Line.Dash.DASH).width(2).color(colour).build()).build());
        }
        return figure(title, Axis.builder().title("cache size (entries of " + keys + " keys, log scale)")
                .type(Axis.Type.LOG).build(), HIT_RATIO, traces);
    }

    /**
     * Hit ratios of LRU, W-TinyLFU and Belady's optimum on each published trace at one cache size, the traces named
     * on the x axis.
     */
    public static Figure byTrace(String title, List<String> traces, double[] lru, double[] tinyLfu, double[] optimal) {
        Objects.requireNonNull(traces, "traces");
        for (double[] series : List.of(lru, tinyLfu, optimal)) {
            if (series.length != traces.size()) {
                throw new IllegalArgumentException("one hit ratio per trace: " + traces.size() + " traces but "
                        + series.length + " values");
            }
        }
        List<Trace> drawn = new ArrayList<>();
        drawn.add(byTrace(traces, optimal, "Belady's optimum (the bound)", OPTIMAL_COLOUR, Symbol.SQUARE, 10));
        drawn.add(byTrace(traces, tinyLfu, "W-TinyLFU (Caffeine)", TINY_LFU_COLOUR, Symbol.CIRCLE, 11));
        drawn.add(byTrace(traces, lru, "LRU", LRU_COLOUR, Symbol.DIAMOND, 11));
        return figure(title, Axis.builder().title("published trace").build(), HIT_RATIO, drawn);
    }

    private static Trace byTrace(List<String> traces, double[] ratios, String name, String colour, Symbol symbol, int size) {
        return ScatterTrace.builder(StringColumn.create("trace", traces), DoubleColumn.create(name, ratios))
                .mode(ScatterTrace.Mode.MARKERS).name(name)
                .marker(Marker.builder().size(size).symbol(symbol).color(colour).build()).build();
    }

    /**
     * Stale reads and hits against the time to live: measured markers, and each one's model as a dashed line of the
     * same colour over {@code curveTtl}.
     */
    public static Figure ttl(String title, double[] ttlSeconds, double[] staleMeasured, double[] hitsMeasured,
                             double[] curveTtl, double[] staleModel, double[] hitsModel) {
        List<Trace> traces = new ArrayList<>();
        traces.add(points("stale reads, measured", ttlSeconds, staleMeasured, COLOURS[3]));
        traces.add(dashed("stale reads, model", curveTtl, staleModel, COLOURS[3]));
        traces.add(points("hits, measured", ttlSeconds, hitsMeasured, COLOURS[0]));
        traces.add(dashed("hits, model r·T / (1 + r·T)", curveTtl, hitsModel, COLOURS[0]));
        return figure(title, Axis.builder().title("time to live (s, log scale)").type(Axis.Type.LOG).build(),
                "share of reads", traces);
    }

    private static Trace points(String name, double[] x, double[] y, String colour) {
        return ScatterTrace.builder(x.clone(), y.clone()).mode(ScatterTrace.Mode.MARKERS).name(name)
                .marker(Marker.builder().size(9).color(colour).build()).build();
    }

    private static Trace dashed(String name, double[] x, double[] y, String colour) {
        return ScatterTrace.builder(x.clone(), y.clone()).mode(ScatterTrace.Mode.LINE).name(name)
                .line(Line.builder().dash(Line.Dash.DASH).width(2).color(colour).build()).build();
    }

    private static Figure figure(String title, Axis x, String yTitle, List<Trace> traces) {
        Layout layout = Layout.builder().title(title).width(760).height(420).showLegend(true).xAxis(x)
                .yAxis(Axis.builder().title(yTitle).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static void requireShape(int rows, int columns, double[][] values, String name) {
        if (values.length != rows || java.util.Arrays.stream(values).anyMatch(row -> row.length != columns)) {
            throw new IllegalArgumentException(name + " must hold one row per exponent (" + rows + ") of one value per size ("
                    + columns + ")");
        }
    }
}
