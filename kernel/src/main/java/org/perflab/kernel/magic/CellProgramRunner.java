package org.perflab.kernel.magic;

import com.google.gson.JsonObject;
import org.perflab.kernel.exec.CellError;
import org.perflab.kernel.exec.JavaEvaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs one cell: its magics on the kernel side and its Java code through the evaluator, in order.
 * Answers the value to show as the cell's result (a MIME bundle) or null.
 */
public final class CellProgramRunner {

    public static final List<String> KNOWN_MAGICS = List.of(
            "%%time", "%%timeit", "%timeit", "%classpath", "%maven", "%load");

    private final JavaEvaluator evaluator;
    private final Consumer<String> stdout;

    /** What a cell produced beyond its streamed output. */
    public record Outcome(JsonObject result, String page) {
    }

    public CellProgramRunner(JavaEvaluator evaluator, Consumer<String> stdout) {
        this.evaluator = evaluator;
        this.stdout = stdout;
    }

    public Outcome run(int cellNumber, String cell) throws CellError {
        String stripped = cell.strip();
        if (stripped.endsWith("?") && !stripped.contains("\n") && !stripped.startsWith("%")) {
            return new Outcome(null, page(stripped.substring(0, stripped.length() - 1).strip()));
        }
        CellProgram.CellMagic cellMagic = CellProgram.cellMagic(cell);
        if (cellMagic != null) {
            return new Outcome(runCellMagic(cellNumber, cellMagic), null);
        }
        return new Outcome(runSteps(cellNumber, CellProgram.steps(cell, 1)), null);
    }

    private JsonObject runSteps(int cellNumber, List<CellProgram.Step> steps) throws CellError {
        JsonObject last = null;
        for (CellProgram.Step step : steps) {
            last = null;
            if (step instanceof CellProgram.Code) {
                CellProgram.Code code = (CellProgram.Code) step;
                JavaEvaluator.CellResult result = evaluator.evalCell(cellNumber, code.source(), code.firstLine() - 1);
                if (result.hasValue()) {
                    last = evaluator.renderLastValue();
                }
            } else {
                runLineMagic(cellNumber, (CellProgram.LineMagic) step);
                // An interrupt during a magic (a %maven download) cannot stop it; it stops the cell here.
                evaluator.checkInterrupted();
            }
        }
        return last;
    }

    private JsonObject runCellMagic(int cellNumber, CellProgram.CellMagic magic) throws CellError {
        switch (magic.name()) {
            case "time":
                evaluator.startMeter();
                JsonObject value = null;
                try {
                    value = runSteps(cellNumber, CellProgram.steps(magic.body(), magic.bodyFirstLine()));
                } finally {
                    JsonObject meter = evaluator.stopMeter();
                    if (meter != null) {
                        stdout.accept(formatMeter(meter));
                    }
                }
                return value;
            case "timeit":
                timeit(cellNumber, magic.args(), magic.body(), magic.bodyFirstLine());
                return null;
            default:
                throw unknown("%%" + magic.name());
        }
    }

    private void runLineMagic(int cellNumber, CellProgram.LineMagic magic) throws CellError {
        List<String> words = CellProgram.words(magic.args());
        switch (magic.name()) {
            case "timeit":
                timeit(cellNumber, "", magic.args(), magic.line());
                break;
            case "classpath":
                classpath(words);
                break;
            case "maven":
                maven(words);
                break;
            case "load":
                load(cellNumber, words);
                break;
            default:
                throw unknown("%" + magic.name());
        }
    }

    /**
     * {@code %timeit [-n samples] [-w warm-up runs] code}: the code runs in the child as a lambda,
     * first as an expression (its value is consumed), else as a statement.
     */
    private void timeit(int cellNumber, String options, String code, int line) throws CellError {
        List<String> words = CellProgram.words(options);
        int samples = 0;
        int warmups = 0;
        String body = code;
        if (options.isEmpty()) {
            List<String> inline = new ArrayList<>();
            String rest = code.strip();
            while (rest.startsWith("-n ") || rest.startsWith("-w ")) {
                String[] parts = rest.split("\\s+", 3);
                inline.add(parts[0]);
                inline.add(parts[1]);
                rest = parts.length > 2 ? parts[2] : "";
            }
            words = inline;
            body = rest;
        }
        for (int i = 0; i + 1 < words.size(); i += 2) {
            int n = parsePositive(words.get(i), words.get(i + 1));
            if (words.get(i).equals("-n")) {
                samples = n;
            } else {
                warmups = n;
            }
        }
        if (body.isBlank()) {
            throw new CellError("UsageError", "%timeit needs code to time, for example: %timeit Math.sqrt(2.0)",
                    List.of("UsageError: %timeit needs code to time, for example: %timeit Math.sqrt(2.0)"));
        }
        String trimmed = body.strip();
        String asExpression = "org.perflab.kernel.child.Timeit.measure(" + warmups + ", " + samples
                + ", () -> (" + stripSemicolon(trimmed) + "));";
        String asStatement = "org.perflab.kernel.child.Timeit.measureStatement(" + warmups + ", " + samples
                + ", () -> {\n" + trimmed + (trimmed.endsWith(";") || trimmed.endsWith("}") ? "" : ";") + "\n});";
        try {
            evaluator.evalCell(cellNumber, asExpression, line - 1);
        } catch (CellError e) {
            if (!CellError.COMPILATION.equals(e.ename())) {
                throw e;
            }
            // Not an expression with a value (a statement, a void call): time it as a statement.
            evaluator.evalCell(cellNumber, asStatement, line - 1);
        }
    }

    private static String stripSemicolon(String code) {
        return code.endsWith(";") ? code.substring(0, code.length() - 1) : code;
    }

    private static int parsePositive(String flag, String value) throws CellError {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        String message = "%timeit " + flag + " takes a positive whole number, not '" + value + "'";
        throw new CellError("UsageError", message, List.of("UsageError: " + message));
    }

    private void classpath(List<String> entries) throws CellError {
        if (entries.isEmpty()) {
            throw usage("%classpath needs a jar, a directory of classes or a directory of jars (dir/*)");
        }
        for (String entry : entries) {
            for (Path path : expand(entry)) {
                evaluator.addToClassPath(path);
                stdout.accept("Added to the class path: " + path + "\n");
            }
        }
    }

    private static List<Path> expand(String entry) throws CellError {
        List<Path> paths = new ArrayList<>();
        if (entry.endsWith("/*") || entry.endsWith("\\*")) {
            Path dir = Path.of(entry.substring(0, entry.length() - 2));
            try (var files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(paths::add);
            } catch (IOException e) {
                throw usage("%classpath cannot list " + dir + ": " + e.getMessage());
            }
        } else {
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.exists(path)) {
                throw usage("%classpath: " + path + " does not exist");
            }
            paths.add(path);
        }
        return paths;
    }

    private void maven(List<String> coordinates) throws CellError {
        if (coordinates.isEmpty()) {
            throw usage("%maven needs coordinates, for example %maven org.apache.commons:commons-lang3:3.14.0");
        }
        try {
            List<Path> jars = MavenResolver.resolve(coordinates);
            for (Path jar : jars) {
                evaluator.addToClassPath(jar);
            }
            stdout.accept("Added " + jars.size() + " jar(s) for " + String.join(", ", coordinates) + "\n");
        } catch (IOException | IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw usage("%maven was interrupted");
        }
    }

    private void load(int cellNumber, List<String> files) throws CellError {
        if (files.size() != 1) {
            throw usage("%load takes one file: %load path/to/Snippets.jsh");
        }
        Path file = Path.of(files.get(0)).toAbsolutePath();
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw usage("%load cannot read " + file + ": " + e);
        }
        runSteps(cellNumber, CellProgram.steps(source, 1));
    }

    private String page(String name) throws CellError {
        String doc = evaluator.assist().inspect(name, name.length(), true);
        return doc.isEmpty() ? "No documentation found for " + name : doc;
    }

    private static CellError usage(String message) {
        return new CellError("UsageError", message, List.of("UsageError: " + message));
    }

    private static CellError unknown(String magic) {
        String message = magic + " is not a magic PerfLab knows; the known ones are " + String.join(", ", KNOWN_MAGICS);
        return new CellError("UnknownMagic", message, List.of("UnknownMagic: " + message));
    }

    static String formatMeter(JsonObject m) {
        double wallMs = m.get("wallNanos").getAsLong() / 1e6;
        double cpuMs = m.get("cpuNanos").getAsLong() / 1e6;
        double allocatedMiB = m.get("allocatedBytes").getAsLong() / (1024.0 * 1024);
        return String.format(Locale.ROOT,
                "Wall time: %.1f ms, CPU time (whole JVM): %.1f ms, allocated: %.1f MiB, GC: %d collections, %d ms%n",
                wallMs, cpuMs, allocatedMiB, m.get("gcCount").getAsLong(), m.get("gcTimeMs").getAsLong());
    }
}
