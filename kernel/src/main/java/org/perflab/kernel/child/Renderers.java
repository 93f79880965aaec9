package org.perflab.kernel.child;

import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.common.Url;
import org.perflab.charts.PlotlyFigures;
import org.perflab.kernel.install.KernelName;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The renderers the child JVM knows, beyond jjava-jupyter's stock ones for text, images and URLs:
 * Tablesaw tables as HTML with their row count, and Tablesaw figures as Plotly JSON with an HTML
 * fallback.
 */
final class Renderers {

    static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";
    private static final String KERNEL_NAME = KernelName.current();

    private Renderers() {
    }

    static Renderer create() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Url.registerAll(renderer);
        Text.registerAll(renderer);
        renderer.createRegistration(Table.class)
                .preferring("text/html")
                .supporting("text/plain")
                .register((table, context) -> {
                    DisplayData out = context.getOutputContainer();
                    out.putHTML(TableHtml.render(table));
                    out.putText(TableHtml.plainText(table));
                });
        renderer.createRegistration(Figure.class)
                .preferring(PLOTLY_MIME, "text/html")
                .supporting("text/plain")
                .register((figure, context) -> {
                    DisplayData out = context.getOutputContainer();
                    String json = PlotlyFigures.toJson(figure);
                    out.putData(PLOTLY_MIME, JsonParser.parseString(json));
                    String title = PlotlyFigures.title(figure);
                    out.putHTML(FigureHtml.render(json, title, KERNEL_NAME));
                    out.putText(title.isEmpty() ? "<Figure>" : "<Figure: " + title + ">");
                });
        return renderer;
    }

    /**
     * A value rendered as the MIME types a cell asked for, as IJava's and JJava's {@code display(value,
     * types...)} do. Two cases the stock renderers leave out: bytes under an image type are that image
     * (base64, as Jupyter carries binary data), and a string under a JSON type is parsed, because
     * {@code application/json} carries a JSON value rather than its text.
     */
    static DisplayData renderAs(Renderer renderer, Object value, List<String> mimeTypes) {
        if (value instanceof byte[] bytes) {
            DisplayData out = new DisplayData("<" + String.join(", ", mimeTypes) + ": " + bytes.length + " bytes>");
            for (String type : mimeTypes) {
                out.putData(type, type.startsWith("image/") && !type.equals("image/svg+xml")
                        ? Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8));
            }
            return out;
        }
        DisplayData out = renderer.renderAs(value, mimeTypes.toArray(String[]::new));
        if (value instanceof CharSequence text) {
            for (String type : mimeTypes) {
                if (type.equals("application/json") || type.endsWith("+json")) {
                    out.putData(type, JsonParser.parseString(text.toString()));
                }
            }
        }
        return out;
    }
}
