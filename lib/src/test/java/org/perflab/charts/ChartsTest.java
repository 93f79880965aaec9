package org.perflab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.PercentileSpectrum;
import org.perflab.tracing.SpanRecorder;
import org.perflab.tracing.SpanTimeline;
import tech.tablesaw.plotly.components.Figure;

/** Every chart builds, converts to strict JSON, and carries its title and titled axes. */
class ChartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 990 requests at 50 ms and 10 at 5 s: the seed articles' example. */
    private static Histogram averagesLie() {
        LatencyRecorder recorder = LatencyRecorder.create();
        for (int i = 0; i < 990; i++) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        for (int i = 0; i < 10; i++) {
            recorder.recordNanos(TimeUnit.SECONDS.toNanos(5));
        }
        return recorder.histogram();
    }

    private static JsonNode json(Figure figure) throws Exception {
        return JSON.readTree(PlotlyFigures.toJson(figure));
    }

    private static void assertTitled(JsonNode figure, String title, String xTitle, String yTitle) {
        JsonNode layout = figure.get("layout");
        assertEquals(title, layout.at("/title/text").asText(), figure.toString());
        assertTrue(layout.at("/xaxis/title/text").asText().contains(xTitle), figure.toString());
        assertTrue(layout.at("/yaxis/title/text").asText().contains(yTitle), figure.toString());
    }

    @Test
    void histogramPutsTheSlowOnePercentInTheLastBin() throws Exception {
        JsonNode figure = json(LatencyCharts.histogram("990 x 50 ms + 10 x 5 s", averagesLie()));
        assertTitled(figure, "990 x 50 ms + 10 x 5 s", "latency (ms)", "requests (log scale)");
        assertEquals("log", figure.at("/layout/yaxis/type").asText());
        JsonNode counts = figure.at("/data/0/y");
        assertEquals(LatencyCharts.DEFAULT_BINS, counts.size());
        assertEquals(990, counts.get(0).asDouble(), 0);
        assertEquals(10, counts.get(counts.size() - 1).asDouble(), 0);
    }

    @Test
    void overlaidHistogramsShareTheirBins() throws Exception {
        Map<String, Histogram> runs = new LinkedHashMap<>();
        runs.put("before", averagesLie());
        runs.put("after", averagesLie());
        JsonNode figure = json(LatencyCharts.histogram("before and after", runs, 20, false));
        assertEquals(2, figure.get("data").size());
        assertEquals("after", figure.at("/data/1/name").asText());
        assertEquals("linear", figure.at("/layout/yaxis/type").asText());
    }

    @Test
    void percentileSpectrumUsesANinesAxis() throws Exception {
        PercentileSpectrum spectrum = PercentileSpectrum.of(averagesLie());
        JsonNode figure = json(LatencyCharts.percentileSpectrum("tail of 1,000 requests", spectrum));
        assertTitled(figure, "tail of 1,000 requests", "percentile", "latency (ms)");
        JsonNode labels = figure.at("/layout/xaxis/ticktext");
        assertEquals("50%", labels.get(1).asText());
        assertEquals("99.9%", labels.get(4).asText(), labels.toString());
        JsonNode x = figure.at("/data/0/x");
        // The maximum sits at "1 in 1000": three nines.
        assertEquals(3.0, x.get(x.size() - 1).asDouble(), 1e-9);
        assertEquals(2.0, LatencyCharts.nines(99, 1000), 1e-12);
    }

    @Test
    void cdfAndPercentileBarsBuild() throws Exception {
        PercentileSpectrum spectrum = PercentileSpectrum.of(averagesLie());
        JsonNode cdf = json(LatencyCharts.cdf("cumulative", Map.of("requests", spectrum)));
        assertTitled(cdf, "cumulative", "latency (ms)", "requests at or below (%)");

        LatencySummary summary = LatencySummary.of(averagesLie());
        JsonNode bars = json(LatencyCharts.percentileBars("percentiles", Map.of("run", summary)));
        assertTitled(bars, "percentiles", "statistic", "latency (ms)");
        assertEquals("p99.9", bars.at("/data/0/x/3").asText());
        assertEquals(5000, bars.at("/data/0/y/3").asDouble(), 5);
    }

    @Test
    void loadCurveDrawsPointsAndADashedTheory() throws Exception {
        Figure chart = LoadCurveChart.builder("knee")
                .points("measured mean", new double[]{0.5, 0.8}, new double[]{4.1, 10.3})
                .curve("M/M/1 mean", rho -> 2 / (1 - rho))
                .maxUtilization(0.9)
                .build();
        JsonNode figure = json(chart);
        assertTitled(figure, "knee", "utilization", "latency (ms)");
        assertEquals("markers", figure.at("/data/0/mode").asText());
        assertEquals("dash", figure.at("/data/1/line/dash").asText());
        JsonNode x = figure.at("/data/1/x");
        assertEquals(0.9, x.get(x.size() - 1).asDouble(), 1e-9);
        assertEquals(20, figure.at("/data/1/y").get(x.size() - 1).asDouble(), 1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> LoadCurveChart.builder("bad").points("p", new double[]{1}, new double[]{}));
        assertThrows(IllegalStateException.class, () -> LoadCurveChart.builder("empty").build());
    }

    @Test
    void xyChartDrawsMarkersForDataAndDashesForModelsOnLogAxes() throws Exception {
        Figure chart = XyChart.builder("time against N").xTitle("N (posts)").yTitle("time (ms)").logX(true).logY(true)
                .points("measured", new double[]{10, 100}, new double[]{0.5, 4.8})
                .line("model", new double[]{10, 100}, new double[]{0.44, 4.04})
                .build();
        JsonNode figure = json(chart);
        assertTitled(figure, "time against N", "N (posts), log scale", "time (ms), log scale");
        assertEquals("markers", figure.at("/data/0/mode").asText());
        assertEquals("dash", figure.at("/data/1/line/dash").asText());
        assertEquals("log", figure.at("/layout/xaxis/type").asText());
        assertEquals("log", figure.at("/layout/yaxis/type").asText());
        assertEquals(4.04, figure.at("/data/1/y/1").asDouble(), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> XyChart.builder("bad").line("l", new double[]{1, 2}, new double[]{1}));
        assertThrows(IllegalStateException.class, () -> XyChart.builder("empty").build());
    }

    @Test
    void waterfallStacksAnInvisibleOffsetUnderEachDuration() throws Exception {
        SpanTimeline timeline;
        try (SpanRecorder spans = SpanRecorder.create()) {
            spans.inSpan("request", () -> {
                spans.inSpan("db.query", () -> Thread.sleep(2));
                spans.inSpan("db.query", () -> Thread.sleep(1));
            });
            timeline = spans.lastTrace();
        }
        JsonNode figure = json(LatencyCharts.waterfall("one request", timeline));
        assertTitled(figure, "one request", "time since the request started (ms)", "span");
        assertEquals("stack", figure.at("/layout/barmode").asText());
        assertEquals("reversed", figure.at("/layout/yaxis/autorange").asText());
        assertEquals("h", figure.at("/data/1/orientation").asText());
        JsonNode labels = figure.at("/data/1/y");
        assertEquals("· db.query #2", labels.get(2).asText(), labels.toString());
        assertEquals(timeline.segments().get(2).startOffsetMillis(), figure.at("/data/0/x/2").asDouble(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> LatencyCharts.waterfall(" ", timeline));
    }

    @Test
    void valueBarsKeepTheCategoryOrderAndRejectAnEmptyChart() throws Exception {
        Map<String, Double> throughput = new LinkedHashMap<>();
        throughput.put("0 indexes", 90_000.0);
        throughput.put("5 indexes", 40_000.0);
        JsonNode figure = json(BarCharts.values("inserts", "secondary indexes", "rows per second", throughput));
        assertTitled(figure, "inserts", "secondary indexes", "rows per second");
        assertEquals("category", figure.at("/layout/xaxis/type").asText());
        assertEquals("0 indexes", figure.at("/data/0/x/0").asText());
        assertEquals(40_000, figure.at("/data/0/y/1").asDouble(), 0);
        assertThrows(IllegalArgumentException.class, () -> BarCharts.values("t", "x", "y", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BarCharts.values("t", " ", "y", throughput));
    }

    @Test
    void seriesChartPutsTheSecondUnitOnARightAxisAndMarksTheory() throws Exception {
        double[] sizes = {1, 2, 4, 8};
        JsonNode figure = json(SeriesChart.builder("pool size sweep", "pool size (connections)")
                .left("throughput (req/s)").right("p99 latency (ms)", true).logX(true)
                .series("throughput", sizes, new double[] {100, 190, 200, 201})
                .rightSeries("p99", sizes, new double[] {900, 40, 9, 8})
                .marker("cores x 2 + spindles = 5", 5)
                .build());
        assertTitled(figure, "pool size sweep", "pool size (connections)", "throughput (req/s)");
        assertEquals("log", figure.at("/layout/xaxis/type").asText());
        assertEquals("p99 latency (ms), log scale", figure.at("/layout/yaxis2/title/text").asText());
        assertEquals("right", figure.at("/layout/yaxis2/side").asText());
        assertEquals("y2", figure.at("/data/1/yaxis").asText());
        JsonNode marker = figure.at("/data/2");
        assertEquals("cores x 2 + spindles = 5", marker.get("name").asText());
        assertEquals(5, marker.at("/x/0").asDouble(), 0);
        assertEquals(0, marker.at("/y/0").asDouble(), 0);
        assertEquals(201, marker.at("/y/1").asDouble(), 0, "the marker spans the left axis' values");
        assertEquals("dash", marker.at("/line/dash").asText());
        assertEquals("h", figure.at("/layout/legend/orientation").asText(), "the legend leaves the right axis alone");
        assertEquals("auto", figure.at("/layout/yaxis2/tickmode").asText(), "the right axis picks its own ticks");
    }

    @Test
    void seriesChartRefusesWhatItCannotDraw() {
        assertThrows(IllegalArgumentException.class, () -> SeriesChart.builder("t", "x")
                .series("a", new double[] {1, 2}, new double[] {1}));
        IllegalStateException noAxis = assertThrows(IllegalStateException.class, () -> SeriesChart.builder("t", "x")
                .series("a", new double[] {1}, new double[] {1}).rightSeries("b", new double[] {1}, new double[] {1})
                .build());
        assertTrue(noAxis.getMessage().contains("right(title, log)"), noAxis.getMessage());
        assertThrows(IllegalStateException.class, () -> SeriesChart.builder("t", "x").marker("m", 1).build());
        assertThrows(IllegalArgumentException.class, () -> SeriesChart.builder(" ", "x"));
    }
}
