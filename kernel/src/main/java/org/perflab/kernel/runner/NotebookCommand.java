package org.perflab.kernel.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the command line of a command that runs notebooks ({@code run}, {@code soak}) comes to once
 * validated: the kernel to start, its limits and the notebooks, and the streams the command reports to.
 * The options themselves stay in the subclass, so each command's --help lists them in its own order.
 */
abstract class NotebookCommand implements Callable<Integer> {

    // What the options mean, set by resolveKernel() and resolveNotebooks().
    Duration cellTimeout;
    Duration startupTimeout;
    List<String> kernelCommand;
    final List<Path> notebooks = new ArrayList<>();

    final PrintStream out;
    final PrintStream err;

    NotebookCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Reads the kernel options, first of a validation; a picocli usage error says what is wrong with them. */
    void resolveKernel(KernelOptions kernel) {
        cellTimeout = kernel.cellTimeout();
        startupTimeout = kernel.startupTimeout();
        kernelCommand = kernel.kernelCommand();
    }

    /** Expands the inputs, last of a validation; a picocli usage error says which input is wrong and why. */
    void resolveNotebooks(NotebookInputs inputs, Path outputDir) {
        notebooks.clear();
        notebooks.addAll(inputs.notebooks(outputDir));
    }
}
