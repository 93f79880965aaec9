package org.perflab.kernel.runner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartImagesTest {

    private static final String FIGURE_HTML = "<div id=\\\"perflab-fig-1\\\" class=\\\"perflab-figure\\\">"
            + "<div class=\\\"perflab-figure-fallback\\\" style=\\\"padding:4px\\\">Chart: a &lt;b&gt;"
            + " &mdash; open in JupyterLab</div></div><script>var fig={};</script>";

    private static Notebook notebook() {
        String figure = "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {"
                + "\"application/vnd.plotly.v1+json\": {\"data\": [], \"layout\": {\"width\": 500}},"
                + "\"text/html\": \"" + FIGURE_HTML + "\", \"text/plain\": \"<Figure: a \\\"<b>\\\">\"}}";
        String table = "{\"output_type\": \"execute_result\", \"execution_count\": 1, \"metadata\": {},"
                + " \"data\": {\"text/plain\": \"1\"}}";
        return Notebook.parse("{\"cells\": [{\"cell_type\": \"code\", \"id\": \"c\", \"metadata\": {},"
                + " \"execution_count\": 1, \"source\": \"x\", \"outputs\": [" + figure + ", " + table + "]}],"
                + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "test");
    }

    @Test
    void findsOnlyTheOutputsThatCarryAPlotlyFigure() {
        List<JsonObject> bundles = ChartImages.figureBundles(notebook());
        assertEquals(1, bundles.size());
        assertTrue(bundles.get(0).has(ChartImages.PLOTLY_MIME));
    }

    @Test
    void thePngGoesIntoTheBundleAndReplacesTheHtmlFallbackNote() {
        Notebook notebook = notebook();
        JsonObject bundle = ChartImages.figureBundles(notebook).get(0);
        ChartImages.addImage(bundle, "iVBORw0KGgo=");
        assertEquals("iVBORw0KGgo=", bundle.get(ChartImages.PNG_MIME).getAsString());
        String html = bundle.get("text/html").getAsString();
        assertTrue(html.contains("<div class=\"perflab-figure-fallback\"><img src=\"data:image/png;base64,iVBORw0KGgo=\""),
                html);
        assertTrue(html.contains("alt=\"&lt;Figure: a &quot;&lt;b&gt;&quot;&gt;\""), html);
        assertFalse(html.contains("open in JupyterLab"), html);
        assertTrue(html.contains("<script>var fig={};</script>"), "the live chart's script stays: " + html);
        assertTrue(bundle.has(ChartImages.PLOTLY_MIME), "the Plotly JSON stays for JupyterLab");

        // Written as Jupyter writes it: the PNG is one base64 string, not split into lines.
        String written = notebook.toJupyterJson();
        JsonObject data = JsonParser.parseString(written).getAsJsonObject().getAsJsonArray("cells").get(0)
                .getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data");
        assertTrue(data.get(ChartImages.PNG_MIME).isJsonPrimitive(), written);

        // A second run replaces the image instead of nesting another one.
        ChartImages.addImage(bundle, "AAAA");
        String again = bundle.get("text/html").getAsString();
        assertEquals(1, again.split("<img ", -1).length - 1, again);
        assertTrue(again.contains("base64,AAAA"), again);
    }
}
