package org.perflab.kernel.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.perflab.testing.Browser;
import org.perflab.testing.Network;
import org.perflab.testing.Python;
import org.perflab.testing.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel in a real browser: Debian's classic Jupyter Notebook 6 serves a small notebook, Debian's
 * Chromium (driven by tools/chart-images/notebook-check.mjs on playwright-core) runs all its cells
 * through the menu with the installed kernel, saves and reloads. Notebook 6 has no Plotly renderer,
 * so the charts can only appear through their HTML, which loads plotly.js from the kernelspec.
 * Screenshots go to target/browser-screenshots/. Skipped without Chromium, the classic Notebook or
 * Node, except under CI=true, where .ci/run installs them and a missing one is a failure.
 */
@Browser
@Python    // the classic Notebook server
@Network   // playwright-core from npm
class NotebookBrowserIT {

    /** Not the default name, so the test shows the name really travels from the kernelspec to the charts. */
    private static final String KERNEL_NAME = "perflab-browser-it";
    private static final Path TOOL = InstalledKernel.MODULE.resolveSibling("tools").resolve("chart-images");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = InstalledKernel.MODULE.resolve("target/browser-screenshots");
    private static final List<String> CHART_TITLES = List.of("Browser check: bars", "Browser check: series");
    /** The code cell (0-based) whose progress line updates in place while the load runs. */
    private static final int PROGRESS_CELL = 1;

    @Test
    void chartsDrawAndProgressUpdatesInPlaceInClassicNotebookAndSurviveSaveAndReload(@TempDir Path dir)
            throws Exception {
        requirePrerequisites();
        Path prefix = dir.resolve("prefix");
        InstalledKernel.JarRun install = InstalledKernel.runJar(List.of("install", "--prefix", prefix.toString(),
                "--name", KERNEL_NAME, "--no-cds"), Map.of(), Duration.ofMinutes(2));
        assertTrue(install.finished() && install.exitCode() == 0, "kernelspec install failed:\n" + install.output());
        Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
        Files.writeString(notebooks.resolve("browser-check.ipynb"), testNotebook());
        Files.createDirectories(SCREENSHOTS);

        JsonObject report;
        try (ClassicNotebookServer server = ClassicNotebookServer.start(prefix.resolve("share/jupyter"), notebooks,
                Files.createDirectories(dir.resolve("jupyter")))) {
            JsonObject request = new JsonObject();
            request.addProperty("url", server.notebookUrl("browser-check.ipynb"));
            request.addProperty("screenshots", SCREENSHOTS.toString());
            request.addProperty("progressCell", PROGRESS_CELL);
            request.addProperty("timeoutMs", Duration.ofMinutes(3).toMillis());
            String output = node(request.toString(), server);
            report = JsonParser.parseString(output).getAsJsonObject();
            System.out.println("browser report: " + output);
        }

        JsonObject run = report.getAsJsonObject("run");
        assertEquals(CHART_TITLES.size(), run.get("figureOutputs").getAsInt(), "one chart output per chart: " + run);
        assertEquals(CHART_TITLES.size(), run.get("drawn").getAsInt(), "every chart drawn by plotly.js: " + run);
        assertEquals(CHART_TITLES, strings(run.getAsJsonArray("titles")), "the charts' titles on the page: " + run);
        assertEquals(0, run.get("fallbackNotes").getAsInt(), "no chart left as its note: " + run);
        assertEquals(1, run.get("plotlyRequests").getAsInt(), "plotly.js loaded once for the page: " + run);

        JsonObject progress = report.getAsJsonObject("progress");
        List<String> texts = strings(progress.getAsJsonArray("texts"));
        assertTrue(texts.size() >= 3, "the progress line changed while the load ran: " + texts);
        assertTrue(texts.get(0).startsWith("open-loop starting:"), "first the start line: " + texts);
        assertTrue(texts.get(1).matches("(?s)open-loop [0-9.]+ s / 3\\.0 s: issued .*"), "then progress: " + texts);
        assertTrue(texts.get(texts.size() - 1).contains("latency: count="), "and last the result: " + texts);
        assertEquals(1, progress.get("maxOutputAreas").getAsInt(), "updated in place, never appended: " + progress);
        assertEquals(1, progress.get("finalOutputAreas").getAsInt(), progress.toString());

        JsonObject reload = report.getAsJsonObject("reload");
        assertEquals(Boolean.TRUE, reload.get("trusted").getAsBoolean(), "the saved notebook is trusted: " + reload);
        assertEquals(CHART_TITLES.size(), reload.get("drawn").getAsInt(), "the charts are back after reload: " + reload);
        assertEquals(CHART_TITLES, strings(reload.getAsJsonArray("titles")), reload.toString());
        assertEquals(1, reload.get("plotlyRequests").getAsInt(), "plotly.js loaded once after reload: " + reload);

        JsonObject saved = JsonParser.parseString(Files.readString(notebooks.resolve("browser-check.ipynb")))
                .getAsJsonObject();
        List<JsonObject> codeCells = new ArrayList<>();
        saved.getAsJsonArray("cells").forEach(c -> {
            if ("code".equals(c.getAsJsonObject().get("cell_type").getAsString())) {
                codeCells.add(c.getAsJsonObject());
            }
        });
        assertEquals(1, codeCells.get(PROGRESS_CELL).getAsJsonArray("outputs").size(),
                "the saved progress cell holds one output: " + codeCells.get(PROGRESS_CELL));
        assertEquals(CHART_TITLES.size(), Files.readString(notebooks.resolve("browser-check.ipynb"))
                .split("application/vnd.plotly.v1\\+json", -1).length - 1, "the saved notebook keeps both charts");

        assertEquals(List.of(), strings(report.getAsJsonArray("externalRequests")), "the page needs no network");
        assertEquals(List.of(), strings(report.getAsJsonArray("pageErrors")), "no script errors on the page");
    }

    private static void requirePrerequisites() {
        String why = null;
        if (!Files.isExecutable(CHROMIUM)) {
            why = "no Chromium at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM)";
        } else if (ClassicNotebookServer.missing() != null) {
            why = ClassicNotebookServer.missing();
        } else if (!onPath("node") || !onPath("npm")) {
            why = "no node and npm on the PATH (apt-get install nodejs npm)";
        }
        Requirement.require(why == null, "the browser test's tools", String.valueOf(why));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A chart, a load run whose progress line updates in place, and another chart. */
    private static String testNotebook() {
        JsonArray cells = new JsonArray();
        cells.add(markdown("# Browser check\nTwo charts and a progress line, for NotebookBrowserIT."));
        cells.add(code("Map<String, Integer> bars = new LinkedHashMap<>();\nbars.put(\"a\", 3);\nbars.put(\"b\", 5);\n"
                + "BarCharts.values(\"" + CHART_TITLES.get(0) + "\", \"kind\", \"count\", bars)"));
        cells.add(code("LoadResult load = OpenLoopGenerator.builder().target(() -> Thread.sleep(1))\n"
                + "        .schedule(ArrivalSchedule.constantRate(200)).duration(Duration.ofSeconds(3))\n"
                + "        .showProgress(true).build().run();"));
        cells.add(code("SeriesChart.builder(\"" + CHART_TITLES.get(1) + "\", \"x\").left(\"y\")\n"
                + "        .series(\"squares\", new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16}).build()"));
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", KERNEL_NAME);
        kernelspec.addProperty("display_name", "Java (PerfLab)");
        kernelspec.addProperty("language", "java");
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        JsonObject notebook = new JsonObject();
        notebook.add("cells", cells);
        notebook.add("metadata", metadata);
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 5);
        return notebook.toString();
    }

    private static JsonObject code(String source) {
        JsonObject cell = cell("code", source);
        cell.add("outputs", new JsonArray());
        cell.add("execution_count", null);
        return cell;
    }

    private static JsonObject markdown(String source) {
        return cell("markdown", source);
    }

    private static JsonObject cell(String type, String source) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", type);
        cell.addProperty("id", type + "-" + Integer.toHexString(source.hashCode()));
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source);
        return cell;
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array) {
            values.add(element.getAsString());
        }
        return values;
    }

    /** Runs notebook-check.mjs; stops it and its Chromium if it overruns. */
    private static String node(String input, ClassicNotebookServer server) throws Exception {
        if (!Files.isDirectory(TOOL.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), "", Duration.ofMinutes(5), server);
        }
        return run(List.of("node", "notebook-check.mjs"), input, Duration.ofMinutes(8), server);
    }

    private static String run(List<String> command, String input, Duration timeout, ClassicNotebookServer server)
            throws Exception {
        Process process = new ProcessBuilder(command).directory(TOOL.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), command + " did not finish in " + timeout);
            assertEquals(0, process.exitValue(), command + " failed (its messages are above); notebook server log:\n"
                    + server.log());
            return stdout.join();
        } finally {
            List<ProcessHandle> started = process.descendants().toList();
            process.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
