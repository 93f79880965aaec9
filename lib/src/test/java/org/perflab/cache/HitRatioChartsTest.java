package org.perflab.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.perflab.charts.PlotlyFigures;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HitRatioChartsTest {

    private static JsonNode data(ObjectNode figure) {
        return figure.get("data");
    }

    @Test
    void aZipfExponentsMeasurementAndItsModelShareOneColour() {
        ObjectNode figure = PlotlyFigures.toJsonTree(HitRatioCharts.zipf("t", 100, new int[] {10, 30},
                new double[] {0.6, 1.0}, new double[][] {{0.1, 0.2}, {0.5, 0.6}}, new double[][] {{0.12, 0.22}, {0.53, 0.64}}));
        JsonNode traces = data(figure);
        assertEquals(4, traces.size());
        for (int e = 0; e < 2; e++) {
            JsonNode points = traces.get(2 * e);
            JsonNode line = traces.get(2 * e + 1);
            assertEquals("markers", points.get("mode").asText());
            assertEquals("lines", line.get("mode").asText());
            assertEquals(points.get("marker").get("color").asText(), line.get("line").get("color").asText(),
                    "exponent " + e + ": measured and model in one colour");
        }
        assertTrue(figure.toString().contains("log scale"), figure.toString());
        assertThrows(IllegalArgumentException.class, () -> HitRatioCharts.zipf("t", 100, new int[] {10},
                new double[] {1.0}, new double[][] {{0.1, 0.2}}, new double[][] {{0.1}}));
    }

    @Test
    void publishedTracesAreNamedOnTheAxis() {
        ObjectNode figure = PlotlyFigures.toJsonTree(HitRatioCharts.byTrace("t", List.of("LIRS loop", "cache2k web07"),
                new double[] {0, 0.4}, new double[] {0.48, 0.45}, new double[] {0.49, 0.59}));
        String json = figure.toString();
        assertTrue(json.contains("LIRS loop") && json.contains("cache2k web07"), json);
        assertEquals(3, data(figure).size());
        assertThrows(IllegalArgumentException.class, () -> HitRatioCharts.byTrace("t", List.of("a"),
                new double[] {0}, new double[] {0, 1}, new double[] {0}));
    }

    @Test
    void theTtlChartPairsStaleAndHitsWithTheirModels() {
        ObjectNode figure = PlotlyFigures.toJsonTree(HitRatioCharts.ttl("t", new double[] {1, 10}, new double[] {0.04, 0.37},
                new double[] {0.9, 0.99}, new double[] {1, 10}, new double[] {0.044, 0.36}, new double[] {0.91, 0.99}));
        JsonNode traces = data(figure);
        assertEquals(traces.get(0).get("marker").get("color"), traces.get(1).get("line").get("color"));
        assertEquals(traces.get(2).get("marker").get("color"), traces.get(3).get("line").get("color"));
    }
}
