package org.perflab.kernel;

/**
 * The kernel jar's command line; every command answers {@code --help} (and {@code -h}):
 * <ul>
 * <li>{@code kernel CONNECTION_FILE}: what Jupyter runs;</li>
 * <li>{@code install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--child-jvm-opts "..."] [--no-cds]}:
 * the kernelspec;</li>
 * <li>{@code run [options] NOTEBOOK_OR_DIR...}: execute notebooks without Jupyter;</li>
 * <li>{@code images [--if-available] [--tool DIR] NOTEBOOK_OR_DIR...}: PNGs of their charts;</li>
 * <li>{@code navigation [--check] NOTEBOOK_DIR}: the workbook's previous/contents/next links;</li>
 * <li>{@code compare REFERENCE.csv CURRENT.csv}: a run's verdicts beside the reference run's;</li>
 * <li>{@code soak [--repeats N] [options] NOTEBOOK_OR_DIR...}: each notebook run several times, and how
 * steady its verdicts were.</li>
 * </ul>
 * {@code --version} prints the kernel's version. Exit codes: 0 done (and help), 1 failed, 2 the command
 * line cannot be run (the message names the valid options).
 *
 * <p>{@code kernel CONNECTION_FILE}, run at every kernel start, goes straight to the kernel without
 * loading picocli; any other command line, {@code kernel --help} included, is parsed by {@link PerfLabCommand}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("kernel") && !args[1].startsWith("-")) {
            KernelMain.run(java.nio.file.Path.of(args[1]));
            return;
        }
        System.exit(Cli.execute(new PerfLabCommand(), args, System.out, System.err));
    }
}
