package org.perflab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perflab.tracing.FlameGraph;

class FlameGraphChartTest {

    @Test
    void drawsABoxPerFrameWideEnoughAndCutsNamesToFit() {
        FlameGraph graph = FlameGraph.builder("H.handle")
                .add(List.of("H.handle", "H.query", "Socket.read"), 0, 90)
                .add(List.of("H.handle", "H.render"), 1, 0)
                .build();
        String json = PlotlyFigures.toJson(FlameGraphChart.icicle("where the time went", graph, 0.05, 10));
        // Three boxes (handle, query, read; render is under 5%), two legend entries, one text trace.
        assertEquals(6, PlotlyFigures.toJsonTree(FlameGraphChart.icicle("t", graph, 0.05, 10)).get("data").size());
        assertTrue(json.contains(FlameGraphChart.WAITING) && json.contains("share of the requests' wall time (%)"), json);
        assertEquals("H.query", FlameGraphChart.fit("H.query", 50));
        assertEquals("Socket.r…", FlameGraphChart.fit("Socket.read", 15));
        assertEquals("", FlameGraphChart.fit("Socket.read", 5));
    }
}
