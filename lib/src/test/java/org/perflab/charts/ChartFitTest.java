package org.perflab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.PercentileSpectrum;
import org.perflab.tracing.SpanRecorder;
import org.perflab.tracing.SpanTimeline;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;

/** Labels that fit (automatic margins), target lines, log axes and the drawing style of each kind of series. */
class ChartFitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(Figure figure) throws Exception {
        return JSON.readTree(PlotlyFigures.toJson(figure));
    }

    /** 98 requests at 2 ms, 2 at 80 ms. */
    private static LatencyRecorder twoModes() {
        LatencyRecorder recorder = LatencyRecorder.create();
        for (int i = 0; i < 100; i++) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(i < 98 ? 2 : 80));
        }
        return recorder;
    }

    private static void assertTarget(JsonNode trace, String label, double value) {
        assertEquals(label, trace.get("name").asText(), trace.toString());
        assertEquals("lines+text", trace.get("mode").asText(), trace.toString());
        assertEquals(label, trace.at("/text/1").asText(), "labelled at its right end: " + trace);
        assertEquals("", trace.at("/text/0").asText(), trace.toString());
        assertEquals("top left", trace.get("textposition").asText(), "the label sits above the line: " + trace);
        assertEquals(TargetLine.COLOR, trace.at("/line/color").asText(), trace.toString());
        assertEquals(value, trace.at("/y/0").asDouble(), 0);
        assertEquals(value, trace.at("/y/1").asDouble(), 0);
        assertEquals("x2", trace.get("xaxis").asText(), "drawn on the hidden full-width axis: " + trace);
        assertEquals(0, trace.at("/x/0").asDouble(), 0, "from the left edge");
        assertEquals(1, trace.at("/x/1").asDouble(), 0, "to the right edge");
    }

    private static void assertFullWidthAxis(JsonNode layout) {
        JsonNode axis = layout.get("xaxis2");
        assertEquals("x", axis.get("overlaying").asText(), layout.toString());
        assertFalse(axis.get("visible").asBoolean(), layout.toString());
        assertEquals(1, axis.at("/range/1").asDouble(), 0, layout.toString());
    }

    @Test
    void longSpanLabelsGetAMarginThatFitsThem() throws Exception {
        SpanTimeline timeline;
        try (SpanRecorder spans = SpanRecorder.create()) {
            spans.inSpan("GET /products/{id}", () -> spans.inSpan("db.query", () -> Thread.sleep(1)));
            timeline = spans.lastTrace();
        }
        JsonNode layout = json(LatencyCharts.waterfall("one request", timeline)).get("layout");
        assertTrue(layout.at("/yaxis/automargin").asBoolean(), layout.toString());
        assertTrue(layout.at("/xaxis/automargin").asBoolean(), layout.toString());
        assertEquals(ChartLayouts.WIDTH_PX, layout.get("width").asInt(), "the size stays fixed for the PNGs");
    }

    @Test
    void everyAxisOfEveryFigureGetsAutomaticMargins() throws Exception {
        JsonNode twoAxes = json(SeriesChart.builder("sweep", "pool size (connections)").left("throughput (req/s)")
                .right("p99 (ms)", false).series("throughput", new double[] {1, 2}, new double[] {10, 20})
                .rightSeries("p99", new double[] {1, 2}, new double[] {5, 3}).build()).get("layout");
        for (String axis : new String[] {"xaxis", "yaxis", "yaxis2"}) {
            assertTrue(twoAxes.at("/" + axis + "/automargin").asBoolean(), axis + ": " + twoAxes);
        }
        // A plain Tablesaw figure with no axes in its layout, as a notebook may build by hand.
        Figure bare = new Figure(Layout.builder().title("bare").build(),
                BarTrace.builder(new Object[] {"a very long category name"}, new double[] {1}).build());
        JsonNode layout = json(bare).get("layout");
        assertTrue(layout.at("/xaxis/automargin").asBoolean(), layout.toString());
        assertTrue(layout.at("/yaxis/automargin").asBoolean(), layout.toString());
    }

    @Test
    void xyChartDrawsATargetAcrossTheDataOnALogAxis() throws Exception {
        JsonNode figure = json(XyChart.builder("page time against N").xTitle("N (requests per page)")
                .yTitle("page time (ms)").logX(true).logY(true)
                .points("measured", new double[] {3, 30, 300}, new double[] {4, 40, 400})
                .line("model", new double[] {1, 100}, new double[] {1.3, 130})
                .target("SLO: 100 ms per page", 100)
                .build());
        assertTarget(figure.at("/data/2"), "SLO: 100 ms per page", 100);
        assertFullWidthAxis(figure.get("layout"));
        assertEquals("log", figure.at("/layout/xaxis/type").asText(), "the data's own x axis is untouched");
        assertFalse(figure.at("/data/0").has("textposition"), "traces without text stay as they were");
    }

    @Test
    void percentileChartsCarryTheServiceLevelTarget() throws Exception {
        LatencyRecorder recorder = twoModes();
        JsonNode spectrum = json(LatencyCharts.percentileSpectrum("tail",
                Map.of("run", PercentileSpectrum.of(recorder.histogram())), TargetLine.of("SLO: p99 ≤ 50 ms", 50)));
        assertTarget(spectrum.at("/data/1"), "SLO: p99 ≤ 50 ms", 50);
        assertFullWidthAxis(spectrum.get("layout"));

        JsonNode linear = json(LatencyCharts.percentileSpectrum("tail", Map.of("run", PercentileSpectrum.of(recorder.histogram())),
                TargetLine.of("SLO", 50), false));
        assertEquals("linear", linear.at("/layout/yaxis/type").asText());
        assertEquals("latency (ms)", linear.at("/layout/yaxis/title/text").asText());
        assertEquals("log", spectrum.at("/layout/yaxis/type").asText(), "log unless asked otherwise");

        Map<String, LatencySummary> runs = new LinkedHashMap<>();
        runs.put("before", LatencySummary.of(recorder.histogram()));
        JsonNode bars = json(LatencyCharts.percentileBars("percentiles", runs, true, TargetLine.of("SLO", 50)));
        assertEquals("log", bars.at("/layout/yaxis/type").asText());
        assertEquals("latency (ms), log scale", bars.at("/layout/yaxis/title/text").asText());
        assertTarget(bars.at("/data/1"), "SLO", 50);
        assertFullWidthAxis(bars.get("layout"));
        JsonNode plain = json(LatencyCharts.percentileBars("p", runs, false));
        assertEquals("linear", plain.at("/layout/yaxis/type").asText());
        assertFalse(plain.get("layout").has("xaxis2"), "no hidden axis without a target");
    }

    @Test
    void seriesChartDrawsSamplesAsALineAndModelsDashed() throws Exception {
        double[] t = new double[600];
        double[] inUse = new double[600];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.05;
            inUse[i] = i % 7;
        }
        JsonNode figure = json(SeriesChart.builder("pool over time", "time (s)").left("connections in use")
                .samples("in use", t, inUse)
                .model("Little's law: λ x W", new double[] {0, 30}, new double[] {3, 3})
                .target("pool size: 10", 10)
                .build());
        assertEquals("lines", figure.at("/data/0/mode").asText(), "600 samples draw no markers");
        assertEquals("lines", figure.at("/data/1/mode").asText());
        assertEquals("dash", figure.at("/data/1/line/dash").asText());
        assertEquals("solid", figure.at("/data/0/line").path("dash").asText("solid"), "measurements are solid");
        assertTarget(figure.at("/data/2"), "pool size: 10", 10);
    }

    @Test
    void valueBarsCanUseALogAxisAndTargetsRejectNonsense() throws Exception {
        Map<String, Double> rowsRead = new LinkedHashMap<>();
        rowsRead.put("sequential scan", 1_000_000.0);
        rowsRead.put("index", 4.0);
        JsonNode figure = json(BarCharts.values("rows read", "plan", "rows read per lookup", rowsRead, true));
        assertEquals("log", figure.at("/layout/yaxis/type").asText());
        assertEquals("rows read per lookup, log scale", figure.at("/layout/yaxis/title/text").asText());
        assertThrows(IllegalArgumentException.class, () -> TargetLine.of(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> TargetLine.of("SLO", Double.NaN));
        assertThrows(IllegalStateException.class, () -> XyChart.builder("t").target("SLO", 1).build());
    }
}
