package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the workbook's navigation: a line with Contents, Previous and Next at the top and bottom
 * of every {@code NN-slug.ipynb}, and the contents list in {@code index.ipynb}, from each
 * notebook's title (its first {@code # } heading), question (its {@code **Question:**} line) and the
 * time its committed run took (from its cells' execution times).
 * Safe to re-run: a notebook whose navigation is current is not touched. With {@code --check} it
 * changes nothing and fails when a file is out of date, which is how CI keeps it honest.
 */
public final class Navigation {

    static final String TOP = "nav-top";
    static final String BOTTOM = "nav-bottom";
    static final String CONTENTS = "contents";
    static final String INDEX = "index.ipynb";
    private static final Pattern NUMBERED = Pattern.compile("\\d\\d-[\\w-]+\\.ipynb");

    private Navigation() {
    }

    /** {@code navigation [--check] DIR}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        return Cli.execute(new NavigationCommand(out), args, out, out);
    }

    /** The command line of {@code navigation}. */
    @Command(name = "navigation",
            description = {"Writes the workbook's Contents/Previous/Next lines and index.ipynb's contents list.",
                    "Safe to re-run: a notebook whose navigation is current is not touched."})
    public static final class NavigationCommand implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Option(names = "--check", description = "Change nothing; exit 1 when a notebook's navigation is out of date.")
        boolean check;

        @Parameters(paramLabel = "NOTEBOOK_DIR", description = "The workbook's directory (notebooks).")
        Path directory;

        private final PrintStream out;

        public NavigationCommand() {
            this(System.out);
        }

        NavigationCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            return update(directory, check, out);
        }
    }

    private static int update(Path directory, boolean check, PrintStream out) {
        Map<Path, String> changes = render(directory);
        if (check) {
            changes.keySet().forEach(p -> out.println("navigation out of date: " + p
                    + " (run: java -jar kernel/target/perflab-kernel.jar navigation notebooks)"));
            return changes.isEmpty() ? 0 : 1;
        }
        changes.forEach((path, text) -> {
            try {
                Files.writeString(path, text, StandardCharsets.UTF_8);
                out.println("updated " + path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return 0;
    }

    /** The new text of every notebook in {@code dir} whose navigation is not current. */
    static Map<Path, String> render(Path dir) {
        List<Path> notebooks = numberedNotebooks(dir);
        List<Notebook> parsed = new ArrayList<>();
        for (Path p : notebooks) {
            parsed.add(Notebook.read(p));
        }
        Map<Path, String> changes = new LinkedHashMap<>();
        for (int i = 0; i < notebooks.size(); i++) {
            Notebook notebook = parsed.get(i);
            String line = navigationLine(notebooks, parsed, i);
            setMarkdownCell(notebook, TOP, line, true);
            setMarkdownCell(notebook, BOTTOM, line, false);
            addIfChanged(changes, notebooks.get(i), notebook);
        }
        Path indexFile = dir.resolve(INDEX);
        if (Files.exists(indexFile)) {
            Notebook index = Notebook.read(indexFile);
            setMarkdownCell(index, CONTENTS, contents(notebooks, parsed), false);
            addIfChanged(changes, indexFile, index);
        }
        return changes;
    }

    private static void addIfChanged(Map<Path, String> changes, Path file, Notebook notebook) {
        String text = notebook.toJupyterJson();
        try {
            if (!text.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                changes.put(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> numberedNotebooks(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> NUMBERED.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list notebooks in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String navigationLine(List<Path> files, List<Notebook> notebooks, int i) {
        StringBuilder line = new StringBuilder("[Contents](" + INDEX + ")");
        if (i > 0) {
            line.append(" · Previous: ").append(link(files.get(i - 1), notebooks.get(i - 1)));
        }
        if (i < files.size() - 1) {
            line.append(" · Next: ").append(link(files.get(i + 1), notebooks.get(i + 1)));
        }
        return line.toString();
    }

    private static String contents(List<Path> files, List<Notebook> notebooks) {
        StringBuilder text = new StringBuilder("## Contents\n");
        for (int i = 0; i < files.size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(link(files.get(i), notebooks.get(i)));
            String question = paragraphStartingWith(notebooks.get(i), "**Question:**");
            if (question != null) {
                text.append(" — ").append(question.substring("**Question:**".length()).strip());
            }
            notebooks.get(i).runTime().ifPresent(time -> text.append(" (").append(runTime(time)).append(')'));
        }
        return text.toString();
    }

    /** {@code 45 s}, {@code 1 min 50 s}: the committed run's time, rounded to 5 s. */
    static String runTime(java.time.Duration time) {
        long seconds = Math.max(5, Math.round(time.toMillis() / 5_000.0) * 5);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    private static String link(Path file, Notebook notebook) {
        String title = firstLineStartingWith(notebook, "# ");
        String label = title == null ? file.getFileName().toString() : title.substring(2).strip();
        return "[" + label + "](" + file.getFileName() + ")";
    }

    private static String firstLineStartingWith(Notebook notebook, String prefix) {
        return startingWith(notebook, prefix, false);
    }

    /** The markdown paragraph whose first line starts with {@code prefix}: its lines up to a blank one. */
    private static String paragraphStartingWith(Notebook notebook, String prefix) {
        return startingWith(notebook, prefix, true);
    }

    private static String startingWith(Notebook notebook, String prefix, boolean wholeParagraph) {
        for (NotebookCell cell : notebook.cells()) {
            if (!"markdown".equals(cell.type()) || isNavigation(cell)) {
                continue;
            }
            String[] lines = cell.source().split("\\R");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(prefix)) {
                    StringBuilder paragraph = new StringBuilder(lines[i].strip());
                    for (int j = i + 1; wholeParagraph && j < lines.length && !lines[j].isBlank(); j++) {
                        paragraph.append(' ').append(lines[j].strip());
                    }
                    return paragraph.toString();
                }
            }
        }
        return null;
    }

    private static boolean isNavigation(NotebookCell cell) {
        String id = cell.id();
        return id != null && (id.endsWith(TOP) || id.endsWith(BOTTOM) || CONTENTS.equals(id));
    }

    /** Puts {@code text} in the markdown cell with {@code id}, adding the cell first or last if missing. */
    private static void setMarkdownCell(Notebook notebook, String id, String text, boolean first) {
        JsonArray cells = notebook.json().getAsJsonArray("cells");
        for (JsonElement element : cells) {
            JsonObject cell = element.getAsJsonObject();
            // A notebook may prefix its navigation ids ("avg-nav-top") to keep cell ids unique.
            if (cell.has("id") && cell.get("id").getAsString().endsWith(id)) {
                cell.addProperty("source", text);
                return;
            }
        }
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "markdown");
        cell.addProperty("id", id);
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", text);
        JsonArray updated = new JsonArray();
        if (first) {
            updated.add(cell);
        }
        cells.forEach(updated::add);
        if (!first) {
            updated.add(cell);
        }
        notebook.json().add("cells", updated);
    }
}
