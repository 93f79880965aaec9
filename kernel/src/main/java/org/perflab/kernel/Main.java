package org.perflab.kernel;

import org.perflab.kernel.install.KernelspecInstaller;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The kernel jar's command line: {@code kernel CONNECTION_FILE} (what Jupyter runs),
 * {@code install [--user|--sys-prefix|--prefix DIR]} (the kernelspec) and
 * {@code run NOTEBOOK...} (execute notebooks without Jupyter), {@code images NOTEBOOK...} (PNGs of
 * their charts) and {@code navigation [--check] DIR} (the workbook's previous/contents/next links).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "kernel":
                if (rest.length != 1) {
                    System.err.println("usage: kernel CONNECTION_FILE");
                    System.exit(2);
                }
                KernelMain.run(Path.of(rest[0]));
                break;
            case "install":
                System.exit(KernelspecInstaller.main(rest));
                break;
            case "compare":
                System.exit(org.perflab.kernel.runner.CompareResults.run(rest, System.out));
                break;
            case "navigation":
                System.exit(org.perflab.kernel.runner.Navigation.run(rest, System.out));
                break;
            case "run":
                org.perflab.kernel.runner.RunNotebooks.main(rest);
                break;
            case "images":
                System.exit(org.perflab.kernel.runner.ChartImages.run(rest, System.out));
                break;
            default:
                usage();
                System.exit(2);
        }
    }

    private static void usage() {
        System.err.println("usage: java -jar perflab-kernel.jar (kernel CONNECTION_FILE"
                + " | install [--user | --sys-prefix | --prefix DIR] [--name NAME]"
                + " | run [--timeout-seconds N] [--results FILE] NOTEBOOK_OR_DIR..."
                + " | images [--if-available] [--tool DIR] NOTEBOOK_OR_DIR..."
                + " | navigation [--check] NOTEBOOK_DIR | compare REFERENCE.csv CURRENT.csv)");
    }
}
