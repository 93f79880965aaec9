package org.perflab.kernel.runner;

import org.perflab.verdict.VerdictRow;
import org.perflab.verdict.RunComparison;
import org.perflab.verdict.ResultsCsv;
import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code compare} command: reads two results files ({@link ResultsCsv}) and prints the run's
 * verdicts beside the reference run committed in {@code data/} ({@link RunComparison}, next to the
 * CSV it reads, in the library's verdict package). Exit code 1 when a claim fails now, 0 otherwise
 * (INCONCLUSIVE included); 2 for a file that is missing or is not a results file.
 *
 * <pre>java -jar kernel/target/perflab-kernel.jar compare data/reference-results.csv kernel/target/workbook-results.csv</pre>
 */
public final class CompareResults {

    private CompareResults() {
    }

    /** {@code compare REFERENCE.csv CURRENT.csv}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        return Cli.execute(new CompareCommand(out), args, out, out);
    }

    /** The command line of {@code compare}. */
    @Command(name = "compare",
            description = {"Sets a run's verdicts beside the reference run's, each measurement with its 95%% "
                    + "confidence interval.", "A measurement is reported as moved only where the two intervals "
                    + "do not overlap.", "Exit code 1 when a claim fails now (INCONCLUSIVE does not fail)."})
    public static final class CompareCommand implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Parameters(index = "0", paramLabel = "REFERENCE.csv", description = "The reference run (data/reference-results.csv).")
        Path reference;

        @Parameters(index = "1", paramLabel = "CURRENT.csv", description = "This run's verdicts (run --results FILE).")
        Path current;

        private final PrintStream out;

        public CompareCommand() {
            this(System.out);
        }

        CompareCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            for (Path file : List.of(reference, current)) {
                if (!Files.isRegularFile(file)) {
                    out.println(file + " does not exist; run the workbook first: mvn -B -Pworkbook package -DskipTests");
                    return Cli.EXIT_USAGE;
                }
            }
            List<VerdictRow> referenceRows;
            List<VerdictRow> currentRows;
            try {
                referenceRows = ResultsCsv.read(reference);
                currentRows = ResultsCsv.read(current);
            } catch (ResultsCsv.FormatException | UncheckedIOException e) {
                out.println(e.getMessage());
                return Cli.EXIT_USAGE;
            }
            return RunComparison.print(referenceRows, currentRows, out) > 0 ? 1 : 0;
        }
    }
}
