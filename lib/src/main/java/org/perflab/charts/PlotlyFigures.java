package org.perflab.charts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.unbescape.html.HtmlEscape;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Tablesaw {@link Figure} into Plotly's JSON figure format ({@code {"data": [...],
 * "layout": {...}}}), which JupyterLab renders natively and which survives saving a notebook.
 *
 * <p>Tablesaw only emits JavaScript: object literals with unquoted keys, single-quoted strings,
 * trailing commas, HTML-escaped text and string titles. This reads those literals leniently and
 * repairs what Plotly's JSON needs: text unescaped, titles as {@code {"text": ...}} (plotly.js 3
 * ignores a bare string), numbers that Tablesaw quotes turned back into numbers, and, for a chart
 * with a right-hand axis, the legend moved out of that axis' way, and automatic margins on every
 * axis so that labels are never cut off.
 */
public final class PlotlyFigures {

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    private static final ObjectMapper STRICT = new ObjectMapper();

    private PlotlyFigures() {
    }

    /** The figure as a Plotly JSON tree. */
    public static ObjectNode toJsonTree(Figure figure) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        Trace[] traces = figure.getTraces();
        for (int i = 0; i < traces.length; i++) {
            data.add(placeText((ObjectNode) repair(readLiteral(traces[i].asJavascript(i)), null)));
        }
        Layout layout = figure.getLayout();
        ObjectNode layoutJson = layout == null ? JsonNodeFactory.instance.objectNode()
                : (ObjectNode) repair(readLiteral(layout.asJavascript()), null);
        makeRoomForASecondAxis(layoutJson);
        fitLabels(layoutJson);
        addFullWidthAxis(data, layoutJson);
        root.set("layout", layoutJson);
        return root;
    }

    /** Added to the height when the legend moves below the plot. */
    static final int LEGEND_BELOW_PX = 60;

    /**
     * A right-hand y axis sits where plotly.js puts the legend, so the legend goes below the plot
     * (Tablesaw's layout has no legend settings); and plotly.js 4 lines an overlaying axis' ticks up
     * with the left axis' grid ("sync"), which labels it 311, 233.2, 155.5, so it picks its own.
     */
    private static void makeRoomForASecondAxis(ObjectNode layout) {
        JsonNode right = layout.get("yaxis2");
        if (right == null || !right.isObject()) {
            return;
        }
        if (!layout.has("legend")) {
            ObjectNode legend = layout.putObject("legend");
            legend.put("orientation", "h");
            legend.put("x", 0);
            legend.put("y", -0.3);
            if (layout.has("height")) {
                layout.put("height", layout.get("height").asInt() + LEGEND_BELOW_PX);
            }
        }
        if (!right.has("tickmode")) {
            ((ObjectNode) right).put("tickmode", "auto");
        }
    }

    /** The axes every cartesian figure has; plotly.js draws them even when a layout leaves them out. */
    private static final Pattern AXIS_KEY = Pattern.compile("[xy]axis[0-9]*");

    /**
     * Every axis gets {@code automargin}: the figures have a fixed width and height (so a notebook and
     * its PNG match), and with plotly.js' fixed default margins (80 px left) a category label such as
     * "GET /products/{id}" lost its first characters. With automargin the margin grows to fit tick
     * labels and axis titles, and the plot area shrinks instead. An axis that sets it keeps its choice.
     */
    private static void fitLabels(ObjectNode layout) {
        for (String key : new String[] {"xaxis", "yaxis"}) {
            if (!layout.has(key)) {
                layout.putObject(key);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = layout.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (AXIS_KEY.matcher(field.getKey()).matches() && field.getValue().isObject()
                    && !field.getValue().has("automargin")) {
                ((ObjectNode) field.getValue()).put("automargin", true);
            }
        }
    }

    /**
     * Target lines ({@link ChartLayouts#targetTrace}) are drawn on a second x axis that Tablesaw's
     * layout cannot declare: hidden, laid over the first, 0 to 1 across the plot.
     */
    private static void addFullWidthAxis(ArrayNode data, ObjectNode layout) {
        String key = "xaxis" + ChartLayouts.FULL_WIDTH_AXIS.substring(1);
        boolean used = false;
        for (JsonNode trace : data) {
            used |= ChartLayouts.FULL_WIDTH_AXIS.equals(trace.path("xaxis").asText());
        }
        if (!used || layout.has(key)) {
            return;
        }
        ObjectNode axis = layout.putObject(key);
        axis.put("overlaying", "x");
        axis.putArray("range").add(0).add(1);
        axis.put("visible", false);
        axis.put("fixedrange", true);
    }

    /**
     * Text drawn at a point goes above and left of it (Tablesaw has no {@code textposition}; plotly.js'
     * default centres it on the point, so a target line's label would be struck through by the line).
     */
    private static ObjectNode placeText(ObjectNode trace) {
        if (trace.path("mode").asText().contains("text") && !trace.has("textposition")) {
            trace.put("textposition", "top left");
        }
        return trace;
    }

    /** The figure as a Plotly JSON string. */
    public static String toJson(Figure figure) {
        try {
            return STRICT.writeValueAsString(toJsonTree(figure));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figure's title as plain text, or an empty string. */
    public static String title(Figure figure) {
        Layout layout = figure.getLayout();
        String title = layout == null ? null : layout.getTitle();
        return title == null ? "" : HtmlEscape.unescapeHtml(title);
    }

    /** Reads {@code var name = {...};} as written by Tablesaw's templates. */
    private static JsonNode readLiteral(String javascript) {
        int start = javascript.indexOf('{');
        int end = javascript.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a JavaScript object literal: " + abbreviate(javascript));
        }
        try {
            return LENIENT.readTree(javascript.substring(start, end + 1));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Tablesaw's figure as JSON (" + e.getMessage() + "): "
                    + abbreviate(javascript), e);
        }
    }

    private static JsonNode repair(JsonNode node, String key) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(repair(field.getValue(), field.getKey()));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, repair(array.get(i), null));
            }
            return array;
        }
        if (node.isTextual()) {
            String text = HtmlEscape.unescapeHtml(node.asText());
            if ("title".equals(key)) {
                ObjectNode title = JsonNodeFactory.instance.objectNode();
                title.put("text", text);
                return title;
            }
            JsonNode number = key == null ? asNumber(text) : null;
            return number != null ? number : TextNode.valueOf(text);
        }
        return node;
    }

    /** Array elements that Tablesaw quoted but are numbers: "1.0" becomes 1.0. */
    private static JsonNode asNumber(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-' || text.charAt(0) == '.')) {
            return null;
        }
        try {
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
