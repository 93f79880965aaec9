package org.perflab.kernel.child;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FigureHtmlTest {

    private static final String JSON = "{\"data\":[{\"name\":\"</script><script>alert(1)</script> & co\"}],"
            + "\"layout\":{\"title\":{\"text\":\"p99\"}}}";

    @Test
    void aValueInTheFigureCannotEndTheScript() {
        String html = FigureHtml.render(JSON, "p99", "perflab-java");
        assertEquals(1, html.split("</script>", -1).length - 1, "only the script's own end tag: " + html);
        assertTrue(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), html);
        assertTrue(html.contains("\\u0026 co"), html);
    }

    @Test
    void theVisibleNoteNamesTheChartWithItsTitleEscaped() {
        String html = FigureHtml.render(JSON, "a <b> & c", "perflab-java");
        assertTrue(html.contains("<div class=\"perflab-figure-fallback\""), html);
        assertTrue(html.contains("Chart: a &lt;b&gt; &amp; c &mdash; not drawn"), html);
        assertTrue(FigureHtml.render(JSON, "", "perflab-java").contains("Chart: (untitled)"));
    }

    @Test
    void plotlyComesFromTheKernelspecOfTheNamedKernelThroughOnePagePromise() {
        String html = FigureHtml.render(JSON, "p99", "my.kernel_2");
        assertTrue(html.contains("'kernelspecs/my.kernel_2/plotly'"), html);
        assertTrue(html.contains("if(!w." + FigureHtml.LOADER_GLOBAL + "){w." + FigureHtml.LOADER_GLOBAL + "=new Promise("),
                "loads only when no chart on the page has started loading: " + html);
        assertTrue(html.contains("w.requirejs(['perflab-plotly']"), "RequireJS pages load through RequireJS: " + html);
        assertFalse(html.contains("cdn") || html.contains("https:"), "nothing from the network: " + html);
    }

    @Test
    void everyChartGetsItsOwnElement() {
        String first = FigureHtml.render(JSON, "p99", "perflab-java");
        String second = FigureHtml.render(JSON, "p99", "perflab-java");
        String id = first.substring(first.indexOf("id=\"") + 4, first.indexOf("\" class"));
        assertTrue(id.startsWith("perflab-fig-"), id);
        assertFalse(second.contains(id), "ids differ between charts");
    }
}
