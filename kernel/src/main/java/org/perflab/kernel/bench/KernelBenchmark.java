package org.perflab.kernel.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.HdrHistogram.Histogram;
import org.perflab.kernel.Cli;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Measures the kernel as a frontend sees it, through the Jupyter protocol: the time from launching
 * the kernel process to the first {@code 1 + 1} result, over several cold starts, and the round
 * trip of a trivial cell (execute_request sent to execute_reply and idle received) over many cells.
 * It prints figures; it asserts nothing, because these machines are noisy.
 *
 * <pre>
 * java -cp kernel/target/perflab-kernel.jar org.perflab.kernel.bench.KernelBenchmark [--kernelspec DIR] [--starts 10] [--cells 100]
 * </pre>
 * With {@code --kernelspec} it starts the kernel exactly as that installed kernelspec's argv says
 * (class-data archives included); without it, from the jar it runs from.
 */
public final class KernelBenchmark {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The kernelspec's own options (see KernelspecInstaller), without its class-data archive. */
    static final List<String> DEFAULT_KERNEL_JVM_OPTIONS = org.perflab.kernel.install.KernelspecInstaller.KERNEL_JVM_OPTIONS;

    private KernelBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new Options(), args, System.out, System.err));
    }

    /** The benchmark's command line. */
    @Command(name = "KernelBenchmark", sortOptions = false,
            description = {"Times kernel cold starts to the first 1 + 1 result and trivial cells' round trips.",
                    "With --kernelspec the kernel starts as that kernelspec's argv says; otherwise from this jar."})
    public static final class Options implements Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Option(names = "--kernelspec", paramLabel = "DIR", description = "An installed kernelspec's directory.")
        Path kernelspec;

        @Option(names = "--jvm-opt", paramLabel = "OPTION",
                description = "A kernel JVM option, without --kernelspec; repeat for more (default: the kernelspec's own).")
        List<String> jvmOptions = new ArrayList<>();

        @Option(names = "--starts", paramLabel = "N", converter = Cli.Count.class,
                description = "Cold starts to time (default: ${DEFAULT-VALUE}).")
        int starts = 10;

        @Option(names = "--cells", paramLabel = "N", converter = Cli.Count.class,
                description = "Trivial cells to time (default: ${DEFAULT-VALUE}).")
        int cells = 100;

        @Override
        public Integer call() throws Exception {
            measure(kernelspec, jvmOptions, starts, cells);
            return 0;
        }
    }

    private static void measure(Path kernelspec, List<String> jvmOptions, int starts, int cells) throws Exception {
        List<String> command = kernelspec != null ? commandOf(kernelspec)
                : commandFromThisJar(jvmOptions.isEmpty() ? DEFAULT_KERNEL_JVM_OPTIONS : jvmOptions);
        System.out.println("kernel command: " + String.join(" ", command));
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        Histogram coldStart = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
        for (int i = 0; i < starts; i++) {
            long launched = System.nanoTime();
            try (KernelProcess kernel = KernelLauncher.builder(command).launch()) {
                ExecutionResult result = kernel.client().execute("1 + 1", TIMEOUT);
                long elapsed = System.nanoTime() - launched;
                if (!"2".equals(result.resultText().orElse(""))) {
                    throw new IllegalStateException("1 + 1 gave " + result);
                }
                coldStart.recordValue(elapsed);
                System.out.printf(Locale.ROOT, "cold start %2d: %6.0f ms to the first result%n", i + 1, elapsed / 1e6);
            }
        }

        Histogram roundTrip = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        try (KernelProcess kernel = KernelLauncher.builder(command).launch()) {
            for (int i = 0; i < 20; i++) {
                kernel.client().execute("1 + 1", TIMEOUT);   // warm-up, not recorded
            }
            for (int i = 0; i < cells; i++) {
                long sent = System.nanoTime();
                kernel.client().execute("1 + 1", TIMEOUT);
                roundTrip.recordValue(System.nanoTime() - sent);
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "cold start to first result (n=%d): median %.0f ms, min %.0f ms, max %.0f ms"
                        + "  [target: at most 1000 ms]%n", coldStart.getTotalCount(),
                coldStart.getValueAtPercentile(50) / 1e6, coldStart.getMinValue() / 1e6, coldStart.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "trivial cell round trip (n=%d): median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + "  [target: median at most 20 ms]%n", roundTrip.getTotalCount(),
                roundTrip.getValueAtPercentile(50) / 1e6, roundTrip.getValueAtPercentile(90) / 1e6,
                roundTrip.getValueAtPercentile(99) / 1e6, roundTrip.getMaxValue() / 1e6);
    }

    /** The argv of an installed kernelspec, with {resource_dir} filled in as Jupyter does. */
    static List<String> commandOf(Path kernelspecDir) throws IOException {
        JsonObject spec = JsonParser.parseString(Files.readString(kernelspecDir.resolve("kernel.json"))).getAsJsonObject();
        JsonArray argv = spec.getAsJsonArray("argv");
        List<String> command = new ArrayList<>();
        for (JsonElement arg : argv) {
            command.add(arg.getAsString().replace("{resource_dir}", kernelspecDir.toAbsolutePath().toString()));
        }
        return command;
    }

    static List<String> commandFromThisJar(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.perflab.kernel.Main", "kernel", KernelLauncher.CONNECTION_FILE_PLACEHOLDER));
        return command;
    }
}
