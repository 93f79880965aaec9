package org.perflab.kernel.it;

import org.perflab.testing.Browser;
import org.perflab.testing.Network;
import org.perflab.testing.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbook's chart images, for real: the tour notebook runs through the kernel, then the
 * {@code images} command draws its charts with plotly.js in Debian's headless Chromium and puts
 * PNGs into the notebook. Skipped without Chromium, except under CI=true, where .ci/run installs it.
 */
@Browser
@Network   // tools/chart-images installs plotly.js and playwright-core from npm
class ChartImagesIT {

    private static final Path TOOL = InstalledKernel.MODULE.resolveSibling("tools").resolve("chart-images");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void everyChartOfAnExecutedNotebookGetsAPng(@TempDir Path dir) throws Exception {
        Requirement.require(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM,
                "apt-get install chromium, or set CHROMIUM");
        Path notebook = dir.resolve("00-kernel-tour.ipynb");
        assertEquals(0, java(List.of("run", "--output-dir", dir.toString(),
                InstalledKernel.MODULE.resolveSibling("notebooks").resolve("00-kernel-tour.ipynb").toString())));
        String executed = Files.readString(notebook);
        int figures = executed.split("application/vnd.plotly.v1\\+json", -1).length - 1;
        assertTrue(figures > 0, "the tour draws a chart");

        assertEquals(0, java(List.of("images", "--tool", TOOL.toString(), notebook.toString())));
        String withImages = Files.readString(notebook);
        int images = withImages.split("\"image/png\": \"", -1).length - 1;
        assertEquals(figures, images, "one PNG per chart");
        String base64 = withImages.substring(withImages.indexOf("\"image/png\": \"") + 14);
        byte[] png = Base64.getDecoder().decode(base64.substring(0, base64.indexOf('"')));
        assertEquals("PNG", new String(png, 1, 3), "a real PNG");
        assertTrue(png.length > 5_000, "a drawn chart, not an empty canvas: " + png.length + " bytes");
        assertTrue(withImages.contains("<img src=\\\"data:image/png;base64,"), "the HTML fallback shows the picture");
    }

    private static int java(List<String> arguments) throws Exception {
        InstalledKernel.JarRun run = InstalledKernel.runJar(arguments, java.util.Map.of(), java.time.Duration.ofMinutes(10));
        assertTrue(run.finished(), "did not finish: " + arguments);
        System.out.println(run.output());
        return run.exitCode();
    }
}
