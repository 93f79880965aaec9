package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;

/** The command line of {@code soak}, {@link Soak}: its options and, once validated, what they mean. */
@Command(name = "soak", sortOptions = false,
        description = {"Runs each notebook --repeats times, each time in a fresh kernel, collects every verdict in "
                + "one results file and prints per claim how often it passed, was inconclusive or failed, in how "
                + "many runs it was missing and the range of its measurements; then the totals and each "
                + "notebook's wall times.", "A FAIL verdict does not stop a run, so every run measures every "
                + "claim. Notebooks are never written in place."},
        footer = "Exit codes: 0 no claim failed and every run ran to its end, 1 a claim failed or a run failed "
                + "(a cell raised or timed out), 2 the command line cannot be run.")
public final class SoakOptions extends NotebookCommand {

    /** The file name of the results under --output-dir when --results is not given. */
    static final String RESULTS_FILE_NAME = "soak-results.csv";

    @Spec
    CommandSpec spec;

    @Mixin
    Cli.HelpOption help;

    @Option(names = "--repeats", paramLabel = "N", converter = Cli.Count.class,
            description = "Runs of each notebook (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each run's executed notebooks to DIR/run-1, DIR/run-2, ... (default: write none).")
    Path outputDir;

    @Option(names = "--write-partial", description = "Also write a failing run's notebook, up to its failing cell.")
    boolean writePartial;

    @Option(names = "--results", paramLabel = "FILE",
            description = "The CSV file every run's verdicts go to, in the order recorded (replaced; default: DIR/"
                    + RESULTS_FILE_NAME + " with --output-dir, else a temporary file, whose path is printed).")
    Path resultsFile;

    @Mixin
    NotebookInputs inputs;

    /** For {@code java -jar perflab-kernel.jar soak}. */
    public SoakOptions() {
        this(System.out, System.err);
    }

    SoakOptions(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() {
        validate();
        return Soak.run(this, out, err);
    }

    SoakOptions validate() {
        resolveKernel(kernel);
        if (writePartial && outputDir == null) {
            throw Cli.usage(spec, "--write-partial writes into --output-dir, which is not given; add --output-dir DIR");
        }
        if (resultsFile == null && outputDir != null) {
            resultsFile = outputDir.resolve(RESULTS_FILE_NAME);
        }
        resolveNotebooks(inputs, outputDir);
        return this;
    }

    /** Where repetition {@code repetition} (from 1) writes its executed notebooks. */
    NotebookOutput outputOf(int repetition) {
        if (outputDir == null) {
            return NotebookOutput.none();
        }
        NotebookOutput output = NotebookOutput.toDirectory(outputDir.resolve("run-" + repetition));
        return writePartial ? output.withPartialResults() : output;
    }
}
