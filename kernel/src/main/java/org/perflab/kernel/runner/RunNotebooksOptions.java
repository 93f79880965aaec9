package org.perflab.kernel.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The parsed command line of {@link RunNotebooks}. */
final class RunNotebooksOptions {

    static final String USAGE = String.join("\n",
            "Usage: RunNotebooks [options] notebook-or-directory...",
            "  Runs each notebook in a fresh kernel, in the order given (a directory: its *.ipynb by name),",
            "  and stops at the first failing notebook.",
            "Options:",
            "  --timeout-seconds N          per-cell limit; an overrunning cell is interrupted and fails (default "
                    + NotebookRunner.DEFAULT_CELL_TIMEOUT.toSeconds() + ")",
            "  --startup-timeout-seconds N  how long a kernel may take to start (default "
                    + org.perflab.kernel.client.KernelLauncher.DEFAULT_STARTUP_TIMEOUT.toSeconds() + ")",
            "  --kernel-cmd \"ARGV\"          kernel command with {connection_file}, split like a shell would",
            "                               (default: the PerfLab kernel on this JVM's class path)",
            "  --in-place                   write outputs back into each notebook after it succeeds",
            "  --output-dir DIR             write executed notebooks to DIR instead",
            "  --write-partial              also write a failing notebook, up to its failing cell",
            "  --results FILE               write every verdict this run's notebooks print to this CSV file (replaced)",
            "  A notebook fails when a cell raises (unless tagged raises-exception) or prints a line",
            "  starting with \"FAIL \" (a verdict).",
            "  --help                       show this text");

    Duration cellTimeout = NotebookRunner.DEFAULT_CELL_TIMEOUT;
    Duration startupTimeout = org.perflab.kernel.client.KernelLauncher.DEFAULT_STARTUP_TIMEOUT;
    List<String> kernelCommand = KernelCommand.defaultCommand();
    NotebookOutput output = NotebookOutput.none();
    boolean help;
    /** Where the notebooks' verdicts are collected (CSV), or null. */
    Path resultsFile;
    final List<Path> notebooks = new ArrayList<>();

    /** A command line that cannot be run; the message says which argument and why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static RunNotebooksOptions parse(String[] args) {
        RunNotebooksOptions options = new RunNotebooksOptions();
        boolean inPlace = false;
        Path outputDir = null;
        boolean partial = false;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--timeout-seconds" -> options.cellTimeout = seconds(arg, value(args, ++i, arg));
                case "--startup-timeout-seconds" -> options.startupTimeout = seconds(arg, value(args, ++i, arg));
                case "--kernel-cmd" -> options.kernelCommand = kernelCommand(value(args, ++i, arg));
                case "--in-place" -> inPlace = true;
                case "--output-dir" -> outputDir = Path.of(value(args, ++i, arg));
                case "--write-partial" -> partial = true;
                case "--results" -> options.resultsFile = Path.of(value(args, ++i, arg));
                case "--help", "-h" -> options.help = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("Unknown option " + arg + "; see --help");
                    }
                    inputs.add(arg);
                }
            }
        }
        if (options.help) {
            return options;
        }
        if (inPlace && outputDir != null) {
            throw new UsageException("--in-place and --output-dir " + outputDir + " exclude each other; pick one");
        }
        if (inputs.isEmpty()) {
            throw new UsageException("No notebooks given; pass .ipynb files or directories holding them");
        }
        NotebookOutput output = inPlace ? NotebookOutput.inPlace()
                : outputDir != null ? NotebookOutput.toDirectory(outputDir) : NotebookOutput.none();
        options.output = partial ? output.withPartialResults() : output;
        for (String input : inputs) {
            options.notebooks.addAll(expand(Path.of(input).normalize()));
        }
        if (outputDir != null) {
            requireDistinctFileNames(options.notebooks, outputDir);
        }
        return options;
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

    private static void requireDistinctFileNames(List<Path> notebooks, Path outputDir) {
        Map<Path, Path> byName = new HashMap<>();
        for (Path notebook : notebooks) {
            Path previous = byName.putIfAbsent(notebook.getFileName(), notebook);
            if (previous != null && !previous.equals(notebook)) {
                throw new UsageException(previous + " and " + notebook + " would both be written to "
                        + outputDir.resolve(notebook.getFileName()) + "; run them with separate --output-dir values");
            }
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value; see --help");
        }
        return args[index];
    }

    private static Duration seconds(String option, String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " was '" + value + "'; give a whole number of seconds");
        }
        if (seconds < 1) {
            throw new UsageException(option + " was " + seconds + "; it must be at least 1");
        }
        return Duration.ofSeconds(seconds);
    }

    private static List<String> kernelCommand(String value) {
        try {
            List<String> command = KernelCommand.parse(value);
            if (command.stream().noneMatch(arg -> arg.contains("{connection_file}"))) {
                throw new UsageException("--kernel-cmd '" + value + "' has no {connection_file}; put it where "
                        + "the kernel expects its connection file, e.g. "
                        + "\"python3 -m ipykernel_launcher -f {connection_file}\"");
            }
            return command;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
