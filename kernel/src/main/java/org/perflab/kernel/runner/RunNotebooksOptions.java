package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The command line of {@code run}, {@link RunNotebooks}: its options and, once validated, what they mean. */
@Command(name = "run", sortOptions = false,
        description = {"Runs each notebook in a fresh kernel, in the order given (a directory: its *.ipynb by name), "
                + "and stops at the first failing notebook.", "A notebook fails when a cell raises (unless tagged "
                + "raises-exception) or prints a line starting with \"FAIL \" (a verdict); an INCONCLUSIVE verdict is "
                + "counted but does not fail it."},
        footer = "Exit codes: 0 all notebooks passed, 1 a notebook failed, 2 the command line cannot be run.")
public final class RunNotebooksOptions extends NotebookCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    Cli.HelpOption help;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--in-place", description = "Write outputs back into each notebook after it succeeds.")
    boolean inPlace;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write executed notebooks to DIR instead.")
    Path outputDir;

    @Option(names = "--write-partial", description = "Also write a failing notebook, up to its failing cell.")
    boolean writePartial;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Write every verdict this run's notebooks print to this CSV file (replaced).")
    Path resultsFile;

    @Mixin
    NotebookInputs inputs;

    // What the options mean, set by validate(); the kernel settings and the notebooks are in NotebookCommand.
    NotebookOutput output;

    /** For {@code java -jar perflab-kernel.jar run}. */
    public RunNotebooksOptions() {
        this(System.out, System.err);
    }

    RunNotebooksOptions(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() {
        validate();
        return RunNotebooks.run(this, out, err);
    }

    /** Parses and validates a command line; a {@link ParameterException} says which argument is wrong and why. */
    static RunNotebooksOptions parse(String... args) {
        RunNotebooksOptions options = new RunNotebooksOptions();
        Cli.parse(options, args);
        return options.validate();
    }

    RunNotebooksOptions validate() {
        resolveKernel(kernel);
        if (inPlace && outputDir != null) {
            throw usage("--in-place and --output-dir " + outputDir + " exclude each other; pick one");
        }
        NotebookOutput chosen = inPlace ? NotebookOutput.inPlace()
                : outputDir != null ? NotebookOutput.toDirectory(outputDir) : NotebookOutput.none();
        output = writePartial ? chosen.withPartialResults() : chosen;
        resolveNotebooks(inputs, outputDir);
        return this;
    }

    private ParameterException usage(String message) {
        return Cli.usage(spec, message);
    }

    /** A notebook or directory that cannot be used; the message says which and why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The notebooks the command line's inputs name, in order; see {@link #expand(Path)}. */
    static List<Path> expandAll(List<String> inputs) {
        List<Path> notebooks = new ArrayList<>();
        for (String input : inputs) {
            notebooks.addAll(expand(Path.of(input).normalize()));
        }
        return notebooks;
    }

    /** A directory stands for its *.ipynb files sorted by name, so NN-slug order is run order. */
    static List<Path> expand(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UsageException("No such notebook or directory: " + input);
        }
        try (Stream<Path> entries = Files.list(input)) {
            List<Path> notebooks = entries
                    .filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".ipynb"))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
            if (notebooks.isEmpty()) {
                throw new UsageException("Directory " + input + " holds no .ipynb files");
            }
            return notebooks;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + input + ": " + e.getMessage(), e);
        }
    }

    /** Two notebooks of one name would overwrite each other in {@code outputDir}. */
    static void requireDistinctFileNames(List<Path> notebooks, Path outputDir) {
        Map<Path, Path> byName = new HashMap<>();
        for (Path notebook : notebooks) {
            Path previous = byName.putIfAbsent(notebook.getFileName(), notebook);
            if (previous != null && !previous.equals(notebook)) {
                throw new UsageException(previous + " and " + notebook + " would both be written to "
                        + outputDir.resolve(notebook.getFileName()) + "; run them with separate --output-dir values");
            }
        }
    }
}
