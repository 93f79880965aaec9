package org.perflab.kernel.runner;

import org.perflab.verdict.VerdictLog;
import org.perflab.verdict.Outcome;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.perflab.kernel.client.KernelException;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelLog;
import org.perflab.kernel.client.KernelProcess;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs the code cells of a notebook in order in a fresh kernel, like "Restart and Run All", and
 * stops at the first failing cell.
 *
 * <p>A cell fails when it raises (error output, or a reply with status error or aborted), when it
 * runs past the per-cell timeout (it is then interrupted and a {@code CellTimeoutError} output is
 * recorded), when the kernel dies, or when a line of its text output matches {@link
 * Builder#failOn(Predicate)}. On failure the runner prints the cell's number, source and traceback
 * (colour codes stripped) to its log stream.
 *
 * <p>Outputs are written back only after a successful run, unless the {@link NotebookOutput}
 * asks for partial results. The kernel runs in the notebook's directory, as in Jupyter, so
 * relative paths in cells resolve the same way.
 */
public final class NotebookRunner {

    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofMinutes(5);
    /** How long an interrupted cell gets to report before the runner gives up on it. */
    public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(5);

    /** Never fails on output: the default of {@link Builder#failOn(Predicate)}. */
    public static final Predicate<String> NO_VERDICT = line -> false;
    /**
     * A ready-made verdict rule: a line that starts with {@code Outcome.FAIL.linePrefix()} ("FAIL ") fails the notebook. An INCONCLUSIVE
     * verdict does not: the measurement could not settle the claim, which is no evidence against it.
     */
    public static final Predicate<String> LINE_STARTS_WITH_FAIL =
            line -> line.startsWith(Outcome.FAIL.linePrefix());

    private final List<String> kernelCommand;
    private final Duration startupTimeout;
    private final KernelLog kernelLog;
    private final ClientCellExecutor cellExecutor;
    private final JsonObject kernelspec;
    private final PrintStream log;
    private final Path resultsFile;

    private NotebookRunner(Builder builder) {
        this.kernelCommand = List.copyOf(builder.kernelCommand);
        this.startupTimeout = builder.startupTimeout;
        this.kernelLog = builder.kernelLog;
        this.cellExecutor = new ClientCellExecutor(builder.cellTimeout, builder.interruptGrace, builder.failOn);
        this.resultsFile = builder.resultsFile;
        this.kernelspec = builder.kernelspec.deepCopy();
        this.log = builder.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The kernelspec written into every notebook this runner runs with the PerfLab kernel. */
    public static JsonObject perflabKernelspec() {
        JsonObject spec = new JsonObject();
        spec.addProperty("name", "perflab-java");
        spec.addProperty("display_name", "Java (PerfLab)");
        spec.addProperty("language", "java");
        return spec;
    }

    /** Runs one notebook in a fresh kernel; never throws for a failing notebook, see the result. */
    public NotebookResult run(Path notebookFile, NotebookOutput output) {
        long startNanos = System.nanoTime();
        Notebook notebook;
        try {
            notebook = Notebook.read(notebookFile);
        } catch (NotebookFormatException | UncheckedIOException e) {
            return report(new NotebookResult(notebookFile, e.getMessage(), null, elapsedSince(startNanos),
                    Duration.ZERO, 0, 0, null, VerdictCounts.NONE), null);
        }
        List<NotebookCell> codeCells = notebook.codeCells();
        int cellCount = notebook.cells().size();
        NotebookCellFailure failure = null;
        String failureSummary = null;
        Duration startup = Duration.ZERO;
        int cellsRun = 0;
        VerdictCounts verdicts = VerdictCounts.NONE;
        String stoppedBecause = null;
        try (KernelProcess kernel = launcherFor(notebookFile).launch()) {
            startup = kernel.startupTime();
            notebook.setKernelspec(kernelspec);
            languageInfo(kernel).ifPresent(notebook::setLanguageInfo);
            for (NotebookCell cell : codeCells) {
                if (failure != null || stoppedBecause != null || cell.isBlank()) {
                    // Jupyter never sends blank cells; cells after a failure did not run this time.
                    cell.clearOutputs();
                    continue;
                }
                java.time.Instant started = java.time.Instant.now();
                ClientCellExecutor.Outcome outcome = cellExecutor.run(kernel.client(), cell, cellCount);
                cell.replaceOutputs(outcome.outputs(), outcome.executionCount());
                cell.recordExecution(started, java.time.Instant.now());
                cellsRun++;
                verdicts = verdicts.plus(VerdictCounts.in(outcome.outputs()));
                failure = outcome.failure();
                if (failure != null && isNotebookStop(failure)) {
                    stoppedBecause = failure.evalue();
                    failure = null;
                }
            }
        } catch (KernelException e) {
            failureSummary = e.getMessage();
        }
        if (failure != null) {
            failureSummary = failure.summary();
        }
        Path writtenTo = null;
        Optional<Path> destination = output.destinationFor(notebookFile);
        if (destination.isPresent() && (failureSummary == null || output.writesPartialResults())) {
            notebook.write(destination.get());
            writtenTo = destination.get();
        }
        return report(new NotebookResult(notebookFile, failureSummary, failure, elapsedSince(startNanos), startup,
                codeCells.size(), cellsRun, writtenTo, verdicts, stoppedBecause), failure);
    }

    /**
     * A cell that raised NotebookStopped (org.perflab.env) ended the notebook on purpose: it needs
     * what this machine lacks, and said so. Matched by simple name, as kernels report it with or
     * without the package.
     */
    static boolean isNotebookStop(NotebookCellFailure failure) {
        String ename = failure.ename() == null ? "" : failure.ename();
        return failure.kind() == NotebookCellFailure.Kind.ERROR
                && (ename.equals(NOTEBOOK_STOPPED) || ename.endsWith("." + NOTEBOOK_STOPPED));
    }

    /** The simple name of org.perflab.env.NotebookStopped. */
    static final String NOTEBOOK_STOPPED = "NotebookStopped";

    private NotebookResult report(NotebookResult result, NotebookCellFailure failure) {
        if (!result.succeeded()) {
            log.println("FAILED " + result.notebook() + ": " + (failure != null ? failure.report()
                    : result.failureSummary().orElse("")));
            result.writtenTo().ifPresent(path -> log.println("Partial results written to " + path));
            log.flush();
        }
        return result;
    }

    private KernelLauncher launcherFor(Path notebookFile) {
        Path directory = notebookFile.toAbsolutePath().getParent();
        KernelLauncher.Builder launcher = KernelLauncher.builder(kernelCommand)
                .kernelName(Objects.requireNonNullElse(NotebookFormat.stringField(kernelspec, "name"), ""))
                .log(kernelLog)
                .workingDirectory(directory)
                .startupTimeout(startupTimeout)
                // Verdicts printed by the notebook name it, and are appended to the results file.
                .environment(VerdictLog.NOTEBOOK_VARIABLE, notebookName(notebookFile));
        if (resultsFile != null) {
            launcher.environment(VerdictLog.RESULTS_VARIABLE, resultsFile.toAbsolutePath().toString());
        }
        return launcher.build();
    }

    /** The name a notebook's verdicts record it by ({@value VerdictLog#NOTEBOOK_VARIABLE}): its file name without ".ipynb". */
    public static String notebookName(Path notebookFile) {
        String fileName = notebookFile.getFileName().toString();
        return fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - ".ipynb".length()) : fileName;
    }

    private static Optional<JsonObject> languageInfo(KernelProcess kernel) {
        JsonObject info = kernel.client().lastKernelInfo();
        JsonElement languageInfo = info == null ? null : info.get("language_info");
        return languageInfo != null && languageInfo.isJsonObject()
                ? Optional.of(languageInfo.getAsJsonObject()) : Optional.empty();
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Settings of a {@link NotebookRunner}; every one has a default. */
    public static final class Builder {
        private List<String> kernelCommand = KernelCommand.defaultCommand();
        private Duration startupTimeout = KernelLauncher.DEFAULT_STARTUP_TIMEOUT;
        private Duration cellTimeout = DEFAULT_CELL_TIMEOUT;
        private Duration interruptGrace = DEFAULT_INTERRUPT_GRACE;
        private Predicate<String> failOn = NO_VERDICT;
        private JsonObject kernelspec = perflabKernelspec();
        private KernelLog kernelLog = KernelLog.tempFile();
        private PrintStream log = System.err;
        private Path resultsFile;

        private Builder() {
        }

        /** A CSV file the notebooks' verdicts are appended to (PERFLAB_RESULTS in the kernel's environment). */
        public Builder resultsFile(Path resultsFile) {
            this.resultsFile = resultsFile;
            return this;
        }

        /** argv template with {@code {connection_file}}; defaults to {@link KernelCommand#defaultCommand()}. */
        public Builder kernelCommand(List<String> kernelCommand) {
            this.kernelCommand = Objects.requireNonNull(kernelCommand, "kernelCommand");
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = positive("startupTimeout", startupTimeout);
            return this;
        }

        /** Longest a single cell may run before it is interrupted and the notebook fails. */
        public Builder cellTimeout(Duration cellTimeout) {
            this.cellTimeout = positive("cellTimeout", cellTimeout);
            return this;
        }

        public Builder interruptGrace(Duration interruptGrace) {
            this.interruptGrace = positive("interruptGrace", interruptGrace);
            return this;
        }

        /**
         * Fails a notebook when this predicate accepts a line of a cell's text output (stream text,
         * text/plain of results and displays). Default: never. See {@link #LINE_STARTS_WITH_FAIL}.
         */
        public Builder failOn(Predicate<String> failOn) {
            this.failOn = Objects.requireNonNull(failOn, "failOn");
            return this;
        }

        /** Written to metadata.kernelspec; defaults to {@link #perflabKernelspec()}. */
        public Builder kernelspec(JsonObject kernelspec) {
            this.kernelspec = Objects.requireNonNull(kernelspec, "kernelspec");
            return this;
        }

        /** Where each kernel's stdout and stderr go; defaults to a temp file kept only on failure. */
        public Builder kernelLog(KernelLog kernelLog) {
            this.kernelLog = Objects.requireNonNull(kernelLog, "kernelLog");
            return this;
        }

        /** Where failure reports are printed; defaults to System.err. */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public NotebookRunner build() {
            KernelLauncher.builder(kernelCommand); // fails now, with the reason, if the template is unusable
            return new NotebookRunner(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " was " + value + "; it must be positive");
            }
            return value;
        }
    }
}
