package org.perflab.kernel;

import org.perflab.kernel.install.KernelspecInstaller;
import org.perflab.kernel.runner.ChartImages;
import org.perflab.kernel.runner.CompareResults;
import org.perflab.kernel.runner.Navigation;
import org.perflab.kernel.runner.RunNotebooksOptions;
import org.perflab.kernel.runner.SoakOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The kernel jar's commands, parsed by picocli; see {@link Main}. */
@Command(name = "perflab-kernel.jar", mixinStandardHelpOptions = true, versionProvider = PerfLabCommand.Version.class,
        description = "The PerfLab Java kernel for Jupyter, its installer and the workbook's tools.",
        subcommands = {PerfLabCommand.Kernel.class, KernelspecInstaller.InstallCommand.class, RunNotebooksOptions.class,
                ChartImages.ImagesCommand.class, Navigation.NavigationCommand.class, CompareResults.CompareCommand.class,
                SoakOptions.class},
        footer = "Every command answers --help. Exit codes: 0 done, 1 failed, 2 the command line cannot be run.")
final class PerfLabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw Cli.usage(spec, "No command given; give one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code kernel CONNECTION_FILE}; Main runs it without picocli when the command line is just that. */
    @Command(name = "kernel", description = "Serve one Jupyter connection file (what Jupyter runs).")
    static final class Kernel implements Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelMain.run(connectionFile);
            return 0;
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"PerfLab kernel " + Versions.perflab()};
        }
    }
}
