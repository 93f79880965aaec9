package org.perflab.kernel.runner;

import org.perflab.verdict.VerdictRow;
import org.perflab.verdict.ResultsCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code soak}: runs each notebook several times, each in a fresh kernel, to show how steady its
 * verdicts are (see {@link SoakOptions} for the command line, {@link SoakTable} for the summary).
 *
 * <p>All runs append to one results file. They run one after another, so the rows a run appended are
 * the ones after the rows of the runs before it: the soak reads them back after each run to know which
 * run recorded which verdict, and the file's row order (and recorded_at) keeps the runs apart.
 */
final class Soak {

    private Soak() {
    }

    static int run(SoakOptions options, PrintStream out, PrintStream err) {
        Path results;
        try {
            results = resultsFile(options);
        } catch (IOException e) {
            err.println("Cannot prepare the results file: " + e.getMessage() + "; name a writable one with --results FILE");
            return RunNotebooks.EXIT_USAGE;
        }
        out.println("Verdicts of every run go to " + results);
        NotebookRunner runner = NotebookRunner.builder()
                .kernelCommand(options.kernelCommand)
                .cellTimeout(options.cellTimeout)
                .startupTimeout(options.startupTimeout)
                // Unlike run, a FAIL verdict does not stop the notebook: every run should measure every
                // claim, or a soak would count the claims after a failing one as missing.
                .failOn(NotebookRunner.NO_VERDICT)
                .resultsFile(results)
                .log(err)
                .build();
        SoakTable table = new SoakTable();
        int rowsSoFar = 0;
        int runs = options.repeats * options.notebooks.size();
        int done = 0;
        // Repetition by repetition rather than notebook by notebook, so a notebook's runs are spread over
        // the soak and a passing disturbance of the machine touches one run of many notebooks, not all runs of one.
        for (int repetition = 1; repetition <= options.repeats; repetition++) {
            for (Path notebook : options.notebooks) {
                done++;
                out.printf("[%d/%d] run %d of %s ...%n", done, runs, repetition, notebook);
                out.flush();
                NotebookResult result;
                List<VerdictRow> rows;
                try {
                    result = runner.run(notebook, options.outputOf(repetition));
                    rows = Files.exists(results) ? ResultsCsv.read(results) : List.of();
                } catch (UncheckedIOException | ResultsCsv.FormatException e) {
                    // A notebook that cannot be written or a results file that cannot be read fails every
                    // later run the same way: stop and show what was measured so far.
                    out.println(e.getMessage());
                    out.println();
                    out.print(table.render());
                    return RunNotebooks.EXIT_NOTEBOOK_FAILED;
                }
                List<VerdictRow> recorded = rows.subList(Math.min(rowsSoFar, rows.size()), rows.size());
                rowsSoFar = rows.size();
                table.add(new SoakTable.Run(NotebookRunner.notebookName(notebook), repetition, result.wallTime(),
                        result.succeeded() ? Optional.empty() : result.failureSummary(), List.copyOf(recorded)));
                out.printf("[%d/%d] run %d of %s %s in %s s, %d verdicts%n", done, runs, repetition, notebook,
                        result.outcome(), TimingTable.seconds(result.wallTime()), recorded.size());
            }
        }
        out.println();
        out.print(table.render());
        out.println("Verdicts of every run: " + results);
        out.flush();
        return table.failed() ? RunNotebooks.EXIT_NOTEBOOK_FAILED : RunNotebooks.EXIT_OK;
    }

    /** The file named by the options, emptied, or a new temporary file; every run appends to it. */
    private static Path resultsFile(SoakOptions options) throws IOException {
        if (options.resultsFile == null) {
            return Files.createTempFile("perflab-soak-", ".csv");
        }
        // One soak's verdicts only: rows of an earlier soak would be taken for this one's first run.
        Files.deleteIfExists(options.resultsFile);
        // Made now, so an unwritable place stops the soak before its first run rather than failing every run.
        Path parent = options.resultsFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return options.resultsFile;
    }
}
