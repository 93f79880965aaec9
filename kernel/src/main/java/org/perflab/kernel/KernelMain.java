package org.perflab.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.perflab.kernel.exec.JavaEvaluator;
import org.perflab.kernel.exec.KernelClassPath;
import org.perflab.kernel.exec.OutputRouter;
import org.perflab.kernel.exec.StartupTrace;
import org.perflab.kernel.wire.KernelConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the kernel for one connection file. The child JVM is launched first, in the background,
 * because it is the slowest part of start-up; the sockets are bound meanwhile, so the frontend's
 * kernel_info_request is answered at once and the first cell waits only for what remains.
 */
final class KernelMain {

    private static final Logger LOG = Logger.getLogger(KernelMain.class.getName());

    /** What every cell can use without an import. A package missing from the class path is skipped. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.atomic.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.time.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import static org.perflab.kernel.child.NotebookFunctions.*;",
            "import org.perflab.display.*;",
            "import org.perflab.env.*;",
            "import org.perflab.charts.*;",
            "import org.perflab.latency.*;",
            "import org.perflab.load.*;",
            "import org.perflab.queueing.*;",
            "import tech.tablesaw.api.*;",
            "import tech.tablesaw.plotly.components.*;",
            "import tech.tablesaw.plotly.traces.*;");

    private KernelMain() {
    }

    static void run(Path connectionFile) throws Exception {
        StartupTrace.mark("kernel main");
        OutputRouter router = new OutputRouter();
        JavaEvaluator evaluator = new JavaEvaluator(KernelClassPath.resolve(), childJvmOptions(), STARTUP_IMPORTS, router);
        CompletableFuture<JavaEvaluator> ready = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                evaluator.start();
                ready.complete(evaluator);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "the Java process for cells could not start", t);
                ready.completeExceptionally(t);
            }
        }, "perflab-start");
        starter.setDaemon(true);
        starter.start();

        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        KernelConnection connection = new KernelConnection(props);
        PerfLabKernel kernel = new PerfLabKernel(evaluator, ready, router);
        kernel.serve(connection);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> kernel.shutDown(), "perflab-shutdown"));
        installSigintHandler(kernel);
        connection.connect();
        StartupTrace.mark("sockets bound");
        connection.awaitClose();
        kernel.shutDown();
        System.exit(0);
    }

    /** Options for the child JVM: PERFLAB_CHILD_JVM_OPTS, split on white space, after PerfLab's own. */
    static List<String> childJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Dfile.encoding=UTF-8");
        options.add("-Dstdout.encoding=UTF-8");
        childArchive().ifPresent(archive -> options.add("-XX:SharedArchiveFile=" + archive));
        String extra = System.getenv("PERFLAB_CHILD_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /** The child's class-data archive recorded at install time, beside the kernel jar, if any. */
    private static java.util.Optional<Path> childArchive() {
        try {
            Path jar = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path archive = jar.resolveSibling("child.jsa");
            return Files.isRegularFile(jar) && Files.isRegularFile(archive) ? java.util.Optional.of(archive)
                    : java.util.Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Jupyter interrupts a kernel whose spec says {@code interrupt_mode: signal} with SIGINT to its
     * process group; the kernel turns it into an interrupt of the running cell instead of exiting.
     */
    @SuppressWarnings("restriction")
    private static void installSigintHandler(PerfLabKernel kernel) {
        try {
            sun.misc.SignalHandler before =
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                // The JVM keeps a signal ignored at start ignored and never calls the handler: every
                // SIGINT would be lost without a word. A background job of a non-interactive shell
                // (`mvn verify &` in a script) or nohup starts processes so.
                LOG.warning("SIGINT was ignored when this kernel started, so it cannot interrupt cells; "
                        + "interrupts work as interrupt_request messages only. Start the kernel from a "
                        + "process that does not ignore SIGINT (in a script: `set -m` before `&`)");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.fine("SIGINT cannot be handled on this platform; interrupts arrive as messages");
        }
    }
}
