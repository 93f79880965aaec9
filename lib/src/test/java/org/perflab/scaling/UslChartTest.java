package org.perflab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.perflab.charts.PlotlyFigures;

class UslChartTest {

    @Test
    void drawsTheMeasurementsAsMarkersAndTheFitAsALineOnLinearAxes() {
        PublishedScalabilityData sdm91 = PublishedScalabilityData.specSdm91();
        UslFit fit = UslFit.fit(sdm91.concurrency(), sdm91.throughput());

        JsonNode figure = PlotlyFigures.toJsonTree(UslChart.of("SDM91", sdm91.concurrency(), sdm91.throughput(), fit, "scripts/hour"));

        JsonNode data = figure.get("data");
        assertEquals("markers", data.get(0).get("mode").asText(), data.get(0).toString());
        assertEquals("measured", data.get(0).get("name").asText());
        assertEquals("lines", data.get(1).get("mode").asText(), data.get(1).toString());
        assertTrue(data.get(1).get("name").asText().startsWith("USL fit"));
        assertTrue(data.get(2).get("name").asText().startsWith("fit's peak N* = 97"), data.get(2).toString());
        String layout = figure.get("layout").toString();
        assertFalse(layout.contains("\"log\""), "linear axes: " + layout);
        assertTrue(layout.contains("throughput (scripts/hour)"), layout);
    }
}
