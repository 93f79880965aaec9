package org.perflab.kernel.child;

import java.util.UUID;

/**
 * The HTML half of a chart's bundle, for frontends that do not render Plotly JSON themselves: it
 * draws with plotly.js when the page already has it and otherwise says, visibly, that the chart
 * needs the Plotly renderer. The JSON is embedded so that no value can end the script early:
 * every {@code <}, {@code >} and {@code &} is written as a Unicode escape.
 */
final class FigureHtml {

    private FigureHtml() {
    }

    static String render(String plotlyJson, String title) {
        String id = "perflab-fig-" + UUID.randomUUID();
        String safeJson = plotlyJson.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return "<div id=\"" + id + "\" class=\"perflab-figure\">"
                + "<div class=\"perflab-figure-fallback\" style=\"padding:4px;border:1px dashed #aaa\">"
                + "Chart: " + TableHtml.escape(title.isEmpty() ? "(untitled)" : title)
                + " &mdash; open in JupyterLab or Notebook 7 with the Plotly renderer to see it drawn.</div></div>"
                + "<script type=\"text/javascript\">(function(){var fig=" + safeJson + ";"
                + "var el=document.getElementById('" + id + "');"
                + "if(window.Plotly&&el){el.innerHTML='';window.Plotly.newPlot(el,fig.data,fig.layout);}})();</script>";
    }
}
