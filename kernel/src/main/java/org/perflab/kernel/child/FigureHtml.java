package org.perflab.kernel.child;

import java.util.UUID;

/**
 * The HTML half of a chart's bundle, for frontends that do not render Plotly JSON themselves
 * (classic Notebook 6): it draws with the page's plotly.js, loading it first, once per page, from
 * the kernelspec the installer put it in ({@code <base_url>kernelspecs/<name>/plotly.js}, served by
 * the notebook server; never a CDN). Until plotly.js has drawn, and for good where it cannot load,
 * a visible note with the chart's title stays in place.
 *
 * <p>The JSON is embedded so that no value can end the script early: every {@code <}, {@code >}
 * and {@code &} is written as a Unicode escape.
 */
final class FigureHtml {

    /** The page-wide promise of plotly.js: every chart on the page waits on the same single load. */
    static final String LOADER_GLOBAL = "__perflabPlotly";

    private FigureHtml() {
    }

    /** {@code kernelName} must be a valid kernel name (letters, digits, '.', '_', '-'): it goes into a URL and a script. */
    static String render(String plotlyJson, String title, String kernelName) {
        String id = "perflab-fig-" + UUID.randomUUID();
        String safeJson = plotlyJson.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return "<div id=\"" + id + "\" class=\"perflab-figure\">"
                + "<div class=\"perflab-figure-fallback\" style=\"padding:4px;border:1px dashed #aaa\">"
                + "Chart: " + TableHtml.escape(title.isEmpty() ? "(untitled)" : title)
                + " &mdash; not drawn: this page has no plotly.js. Open the notebook in JupyterLab or Notebook 7,"
                + " or install the kernel with 'java -jar perflab-kernel.jar install', which serves plotly.js"
                + " to classic Notebook.</div></div>"
                + "<script type=\"text/javascript\">(function(){var fig=" + safeJson + ";"
                + "var el=document.getElementById('" + id + "');if(!el){return;}"
                + "function draw(P){if(P&&P.newPlot){el.innerHTML='';P.newPlot(el,fig.data,fig.layout);}}"
                + "var w=window;if(w.Plotly){draw(w.Plotly);return;}"
                + "if(!w." + LOADER_GLOBAL + "){w." + LOADER_GLOBAL + "=new Promise(function(ok,fail){"
                // Classic Notebook puts its base URL on <body>; JupyterLab in its page config.
                + "var base=document.body&&document.body.getAttribute('data-base-url');"
                + "if(!base){try{base=JSON.parse(document.getElementById('jupyter-config-data').textContent).baseUrl;}catch(e){}}"
                + "var src=(base||'/').replace(/\\/?$/,'/')+'kernelspecs/" + kernelName + "/plotly';"
                // Under RequireJS (classic Notebook) a plain <script> of a UMD bundle would register an
                // anonymous module and fail; let RequireJS load it, then take its value or the global.
                + "if(typeof w.requirejs==='function'&&typeof w.define==='function'&&w.define.amd){"
                + "w.requirejs.config({paths:{'perflab-plotly':src}});"
                + "w.requirejs(['perflab-plotly'],function(P){ok(P||w.Plotly);},fail);"
                + "}else{var s=document.createElement('script');s.src=src+'.js';"
                + "s.onload=function(){ok(w.Plotly);};s.onerror=fail;document.head.appendChild(s);}"
                + "});}"
                + "w." + LOADER_GLOBAL + ".then(draw,function(){});})();</script>";
    }
}
