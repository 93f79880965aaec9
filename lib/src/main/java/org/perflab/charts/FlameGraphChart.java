package org.perflab.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.perflab.tracing.FlameGraph;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A {@link FlameGraph} drawn as an icicle: the root frame across the top, each frame's callees in
 * the row below it, every box as wide as its share of the wall time. Boxes where the time was
 * mostly on a CPU are orange, mostly waiting blue. Boxes narrower than {@code minShare} are left
 * out (their time stays in their parent's width), and frame names are cut to fit their box.
 */
public final class FlameGraphChart {

    static final String ON_CPU = "#e8743b";
    static final String WAITING = "#4c8bd6";
    private static final double CHARS_PER_PERCENT = 0.6; // ~7 px per character, ~430 px of plot beside the legend

    private FlameGraphChart() {
    }

    public static Figure icicle(String title, FlameGraph graph, double minShare, int maxDepth) {
        ChartLayouts.requireTitle(title);
        Objects.requireNonNull(graph, "graph");
        FlameGraph.Node root = graph.tree();
        List<Trace> traces = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int[] depthSeen = {0};
        draw(root, 0, 0, root.nanos(), minShare, maxDepth, traces, centres, labels, depthSeen);
        traces.add(legendEntry("mostly on a CPU (samples)", ON_CPU));
        traces.add(legendEntry("mostly waiting (park, lock, socket)", WAITING));
        double[] x = centres.stream().mapToDouble(c -> c[0]).toArray();
        double[] y = centres.stream().mapToDouble(c -> c[1]).toArray();
        traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.TEXT).text(labels.toArray(new String[0]))
                .showLegend(false).name("frame").build());
        Axis xAxis = Axis.builder().title("share of the requests' wall time (%)").range(0, 100).build();
        Axis yAxis = Axis.builder().title("stack depth below the handler (frames)")
                .autoRange(Axis.AutoRange.REVERSED).build();
        Layout layout = Layout.builder().title(title).width(ChartLayouts.WIDTH_PX)
                .height(200 + 26 * (depthSeen[0] + 1)).xAxis(xAxis).yAxis(yAxis).showLegend(true).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static void draw(FlameGraph.Node node, int depth, double startPct, long totalNanos, double minShare,
                             int maxDepth, List<Trace> traces, List<double[]> centres, List<String> labels,
                             int[] depthSeen) {
        if (totalNanos == 0) {
            return;
        }
        double widthPct = 100.0 * node.nanos() / totalNanos;
        if (widthPct / 100 < minShare || depth > maxDepth) {
            return;
        }
        depthSeen[0] = Math.max(depthSeen[0], depth);
        double x0 = startPct;
        double x1 = startPct + widthPct;
        double y0 = depth - 0.45;
        double y1 = depth + 0.45;
        String colour = node.cpuNanos() >= node.waitNanos() ? ON_CPU : WAITING;
        traces.add(ScatterTrace.builder(new double[] {x0, x1, x1, x0, x0}, new double[] {y0, y0, y1, y1, y0})
                .mode(ScatterTrace.Mode.LINE).fill(ScatterTrace.Fill.TO_SELF).fillColor(colour)
                .line(Line.builder().color("white").width(1).build()).showLegend(false)
                .name(node.frame()).build());
        centres.add(new double[] {(x0 + x1) / 2, depth});
        labels.add(fit(node.frame(), widthPct));
        double childStart = startPct;
        for (FlameGraph.Node child : node.children()) {
            draw(child, depth + 1, childStart, totalNanos, minShare, maxDepth, traces, centres, labels, depthSeen);
            childStart += 100.0 * child.nanos() / totalNanos;
        }
    }

    /** The frame name cut to what fits a box this wide, with an ellipsis. */
    static String fit(String frame, double widthPct) {
        int chars = (int) (widthPct * CHARS_PER_PERCENT);
        if (frame.length() <= chars) {
            return frame;
        }
        return chars < 6 ? "" : frame.substring(0, chars - 1) + "…";
    }

    private static Trace legendEntry(String name, String colour) {
        return ScatterTrace.builder(new double[] {-10}, new double[] {0}).mode(ScatterTrace.Mode.MARKERS)
                .marker(tech.tablesaw.plotly.components.Marker.builder().color(colour).size(12)
                        .symbol(tech.tablesaw.plotly.components.Symbol.SQUARE).build())
                .name(name).showLegend(true).build();
    }
}
