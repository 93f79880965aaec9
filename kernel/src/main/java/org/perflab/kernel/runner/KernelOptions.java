package org.perflab.kernel.runner;

import org.perflab.kernel.Cli;
import org.perflab.kernel.client.KernelLauncher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;

/**
 * The options of every command that runs notebooks ({@code run}, {@code soak}): which kernel to start
 * and how long it and each cell may take. A picocli mixin, so both commands spell them alike.
 */
public final class KernelOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--timeout-seconds", paramLabel = "N", converter = Cli.Seconds.class,
            description = "Per-cell limit; an overrunning cell is interrupted and fails (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = NotebookRunner.DEFAULT_CELL_TIMEOUT.toSeconds();

    @Option(names = "--startup-timeout-seconds", paramLabel = "N", converter = Cli.Seconds.class,
            description = "How long a kernel may take to start (default: ${DEFAULT-VALUE}).")
    long startupTimeoutSeconds = KernelLauncher.DEFAULT_STARTUP_TIMEOUT.toSeconds();

    @Option(names = "--kernel-cmd", paramLabel = "\"ARGV\"",
            description = "Kernel command with {connection_file}, split like a shell would "
                    + "(default: the PerfLab kernel on this JVM's class path).")
    String kernelCmd;

    Duration cellTimeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    Duration startupTimeout() {
        return Duration.ofSeconds(startupTimeoutSeconds);
    }

    /** The kernel's argv template; a picocli usage error says what is wrong with {@code --kernel-cmd}. */
    List<String> kernelCommand() {
        if (kernelCmd == null) {
            return KernelCommand.defaultCommand();
        }
        try {
            List<String> argv = KernelCommand.parse(kernelCmd);
            if (argv.stream().noneMatch(arg -> arg.contains("{connection_file}"))) {
                throw Cli.usage(command, "--kernel-cmd '" + kernelCmd + "' has no {connection_file}; put it where "
                        + "the kernel expects its connection file, e.g. "
                        + "\"python3 -m ipykernel_launcher -f {connection_file}\"");
            }
            return argv;
        } catch (IllegalArgumentException e) {
            throw Cli.usage(command, e.getMessage());
        }
    }
}
