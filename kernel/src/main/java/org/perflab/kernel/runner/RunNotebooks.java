package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line: run notebooks in order, each in a fresh kernel, print their times, and exit
 * non-zero at the first one that fails. See {@code run --help} ({@link RunNotebooksOptions}).
 *
 * <p>Exit codes: 0 all notebooks passed, 1 a notebook failed, 2 the command line was unusable.
 */
public final class RunNotebooks {

    public static final int EXIT_OK = 0;
    public static final int EXIT_NOTEBOOK_FAILED = 1;
    public static final int EXIT_USAGE = Cli.EXIT_USAGE;

    private RunNotebooks() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole program without System.exit, for tests and for embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(new RunNotebooksOptions(out, err), args, out, err);
    }

    /** Runs a validated command line. */
    static int run(RunNotebooksOptions options, PrintStream out, PrintStream err) {
        if (options.resultsFile != null) {
            try {
                // The file holds one run's verdicts; rows of an earlier run would mix two machines' moments.
                java.nio.file.Files.deleteIfExists(options.resultsFile);
            } catch (java.io.IOException e) {
                err.println("Cannot replace " + options.resultsFile + ": " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        NotebookRunner runner = NotebookRunner.builder()
                .kernelCommand(options.kernelCommand)
                .cellTimeout(options.cellTimeout)
                // A notebook whose verdict says FAIL fails the run, like a cell that raises.
                .failOn(NotebookRunner.LINE_STARTS_WITH_FAIL)
                .resultsFile(options.resultsFile)
                .startupTimeout(options.startupTimeout)
                .log(err)
                .build();
        return runAll(runner, options.notebooks, options, out);
    }

    private static int runAll(NotebookRunner runner, List<Path> notebooks, RunNotebooksOptions options,
                              PrintStream out) {
        TimingTable table = new TimingTable();
        int exitCode = EXIT_OK;
        for (int i = 0; i < notebooks.size(); i++) {
            Path notebook = notebooks.get(i);
            out.printf("[%d/%d] %s ...%n", i + 1, notebooks.size(), notebook);
            out.flush();
            NotebookResult result;
            try {
                result = runner.run(notebook, options.output);
            } catch (UncheckedIOException e) {
                // The run finished but its notebook could not be written: as bad as a failure.
                out.println(e.getMessage());
                exitCode = EXIT_NOTEBOOK_FAILED;
                break;
            }
            table.add(result);
            out.printf("[%d/%d] %s %s in %s s%n", i + 1, notebooks.size(), notebook,
                    result.outcome(), TimingTable.seconds(result.wallTime()));
            if (!result.succeeded()) {
                int skipped = notebooks.size() - i - 1;
                if (skipped > 0) {
                    out.printf("Stopped at the first failing notebook; %d not run.%n", skipped);
                }
                exitCode = EXIT_NOTEBOOK_FAILED;
                break;
            }
        }
        out.println();
        out.print(table.render());
        out.flush();
        return exitCode;
    }
}
