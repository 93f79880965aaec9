package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.perflab.env.Executables;
import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.unbescape.html.HtmlEscape;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds an {@code image/png} to every chart in executed notebooks, so GitHub and nbviewer, which
 * run no JavaScript, show the charts too: {@code images [--if-available] [--tool DIR] NOTEBOOK_OR_DIR...}.
 *
 * <p>The figures' Plotly JSON is drawn by plotly.js in headless Chromium ({@code tools/chart-images},
 * a Node script on playwright-core; Chromium from the system, {@code /usr/bin/chromium} or
 * {@code CHROMIUM}), all of a run's figures in one browser. Each PNG goes into its output's bundle
 * and, as an {@code <img>}, into the HTML fallback too: renderers that pick HTML over PNG and run no
 * script (nbviewer, GitHub) then show the picture instead of the "not drawn" note; classic Notebook
 * replaces the picture with the live chart once plotly.js has loaded from the kernelspec. The Plotly
 * JSON stays, so JupyterLab still draws the live chart.
 *
 * <p>Surprise: re-running it on a notebook replaces the earlier images; a notebook without charts
 * is left untouched, byte for byte.
 */
public final class ChartImages {

    static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";
    static final String PNG_MIME = "image/png";
    static final int DEFAULT_WIDTH = 760;
    static final int DEFAULT_HEIGHT = 420;
    private static final Pattern FALLBACK = Pattern.compile(
            "(<div class=\"perflab-figure-fallback\")[^>]*>.*?</div>", Pattern.DOTALL);
    private static final long RENDER_TIMEOUT_MINUTES = 10;

    private final Path toolDirectory;
    private final Path chromium;
    private final PrintStream log;

    ChartImages(Path toolDirectory, Path chromium, PrintStream log) {
        this.toolDirectory = toolDirectory;
        this.chromium = chromium;
        this.log = log;
    }

    /** {@code images [--if-available] [--tool DIR] NOTEBOOK_OR_DIR...}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        return Cli.execute(new ImagesCommand(out), args, out, out);
    }

    /** The command line of {@code images}. */
    @Command(name = "images", sortOptions = false,
            description = {"Adds a PNG to every chart in executed notebooks, so GitHub and nbviewer show them too.",
                    "Needs tools/chart-images (npm ci) and Chromium (/usr/bin/chromium or CHROMIUM)."})
    public static final class ImagesCommand implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Option(names = "--if-available",
                description = "Without Chromium or the tool, skip with a note and exit 0 instead of failing.")
        boolean ifAvailable;

        @Option(names = "--tool", paramLabel = "DIR", description = "The directory of render.mjs (default: ${DEFAULT-VALUE}).")
        Path tool = Path.of("tools", "chart-images");

        @Parameters(paramLabel = "NOTEBOOK_OR_DIR", arity = "1..*",
                description = "Executed notebooks and directories holding them.")
        List<Path> inputs = new ArrayList<>();

        private final PrintStream out;

        public ImagesCommand() {
            this(System.out);
        }

        ImagesCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            return render(ifAvailable, tool, inputs, out);
        }
    }

    private static int render(boolean ifAvailable, Path tool, List<Path> inputs, PrintStream out) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Optional<String> missing = missingPrerequisite(tool, chromium);
        if (missing.isPresent()) {
            out.println((ifAvailable ? "Chart images skipped: " : "Cannot render chart images: ") + missing.get());
            return ifAvailable ? 0 : 1;
        }
        try {
            List<Path> notebooks = new ArrayList<>();
            for (Path input : inputs) {
                notebooks.addAll(RunNotebooksOptions.expand(input.normalize()));
            }
            int images = new ChartImages(tool, chromium, out).addTo(notebooks);
            out.println("Chart images: " + images + " PNG(s) in " + notebooks.size() + " notebook(s)");
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("Cannot render chart images: " + e.getMessage());
            return 1;
        }
    }

    /** What is missing to render here, or empty when Node, Chromium and the tool are all present. */
    static Optional<String> missingPrerequisite(Path tool, Path chromium) {
        if (!Files.isRegularFile(tool.resolve("render.mjs"))) {
            return Optional.of("no " + tool.resolve("render.mjs") + " (run from the repository root or pass --tool)");
        }
        if (!Files.isExecutable(chromium)) {
            return Optional.of("no Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM)");
        }
        if (Executables.onPath("node").isEmpty() || Executables.onPath("npm").isEmpty()) {
            return Optional.of("no node and npm on the PATH (apt-get install nodejs npm)");
        }
        return Optional.empty();
    }

    /** Renders every figure output of the notebooks and writes the notebooks that had any; answers the count. */
    int addTo(List<Path> notebookFiles) throws IOException {
        List<Notebook> notebooks = new ArrayList<>();
        List<JsonObject> bundles = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (Path file : notebookFiles) {
            Notebook notebook = Notebook.read(file);
            notebooks.add(notebook);
            for (JsonObject bundle : figureBundles(notebook)) {
                bundles.add(bundle);
                owners.add(notebooks.size() - 1);
            }
        }
        if (bundles.isEmpty()) {
            return 0;
        }
        List<String> pngs = render(bundles);
        boolean[] changed = new boolean[notebooks.size()];
        for (int i = 0; i < bundles.size(); i++) {
            addImage(bundles.get(i), pngs.get(i));
            changed[owners.get(i)] = true;
        }
        for (int i = 0; i < notebooks.size(); i++) {
            if (changed[i]) {
                notebooks.get(i).write(notebookFiles.get(i));
            }
        }
        return bundles.size();
    }

    /** The data bundles of display and result outputs that carry a Plotly figure. */
    static List<JsonObject> figureBundles(Notebook notebook) {
        List<JsonObject> bundles = new ArrayList<>();
        for (NotebookCell cell : notebook.codeCells()) {
            JsonArray outputs = cell.json().getAsJsonArray("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonElement output : outputs) {
                JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
                if (data != null && data.has(PLOTLY_MIME)) {
                    bundles.add(data);
                }
            }
        }
        return bundles;
    }

    /** Puts the PNG in the bundle and, as an image, in place of the HTML fallback's note. */
    static void addImage(JsonObject bundle, String base64Png) {
        bundle.add(PNG_MIME, new JsonPrimitive(base64Png));
        if (bundle.has("text/html")) {
            String html = bundle.get("text/html").getAsString();
            String alt = bundle.has("text/plain") ? HtmlEscape.escapeHtml4Xml(bundle.get("text/plain").getAsString()) : "chart";
            String image = "$1><img src=\"data:image/png;base64," + base64Png + "\" alt=\""
                    + Matcher.quoteReplacement(alt) + "\"></div>";
            bundle.addProperty("text/html", FALLBACK.matcher(html).replaceFirst(image));
        }
    }

    private List<String> render(List<JsonObject> bundles) throws IOException {
        ensureInstalled();
        JsonArray requests = new JsonArray();
        for (JsonObject bundle : bundles) {
            JsonObject figure = bundle.getAsJsonObject(PLOTLY_MIME);
            JsonObject layout = figure.has("layout") ? figure.getAsJsonObject("layout") : new JsonObject();
            JsonObject request = new JsonObject();
            request.add("figure", figure);
            request.addProperty("width", layout.has("width") ? layout.get("width").getAsInt() : DEFAULT_WIDTH);
            request.addProperty("height", layout.has("height") ? layout.get("height").getAsInt() : DEFAULT_HEIGHT);
            requests.add(request);
        }
        String output = runInTool(List.of("node", "render.mjs"), requests.toString());
        JsonArray images = JsonParser.parseString(output).getAsJsonArray();
        if (images.size() != bundles.size()) {
            throw new IllegalStateException("render.mjs returned " + images.size() + " images for " + bundles.size()
                    + " figures");
        }
        List<String> pngs = new ArrayList<>();
        images.forEach(image -> pngs.add(image.getAsString()));
        log.println("rendered " + pngs.size() + " chart(s) with " + chromium);
        return pngs;
    }

    /** playwright-core and plotly.js come from the npm registry, pinned by package-lock.json. */
    private void ensureInstalled() throws IOException {
        if (!Files.isDirectory(toolDirectory.resolve("node_modules").resolve("playwright-core"))) {
            log.println("installing " + toolDirectory + " (npm ci)");
            runInTool(List.of("npm", "ci", "--no-audit", "--no-fund"), "");
        }
    }

    private String runInTool(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).directory(toolDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(RENDER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + RENDER_TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + toolDirectory + " failed with exit "
                        + process.exitValue() + " (its messages are above)");
            }
            return stdout.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering charts", e);
        }
    }
}
