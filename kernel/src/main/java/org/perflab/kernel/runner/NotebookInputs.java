package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebooks a command that runs notebooks ({@code run}, {@code soak}) is given: the positional
 * NOTEBOOK_OR_DIR arguments and what they expand to. A picocli mixin, so both commands take and check
 * them alike.
 */
public final class NotebookInputs {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(paramLabel = "NOTEBOOK_OR_DIR", arity = "1..*",
            description = "Notebooks (.ipynb) and directories holding them.")
    List<String> inputs = new ArrayList<>();

    /**
     * The notebooks the inputs name, in order (see {@link RunNotebooksOptions#expand(Path)}); with an
     * {@code outputDir}, no two of one file name, as they would overwrite each other there. A picocli usage
     * error says which input is wrong and why.
     */
    List<Path> notebooks(Path outputDir) {
        try {
            List<Path> notebooks = RunNotebooksOptions.expandAll(inputs);
            if (outputDir != null) {
                RunNotebooksOptions.requireDistinctFileNames(notebooks, outputDir);
            }
            return notebooks;
        } catch (RunNotebooksOptions.UsageException | UncheckedIOException e) {
            throw Cli.usage(command, e.getMessage());
        }
    }
}
