package org.perflab.kernel.bench;

import org.HdrHistogram.Histogram;
import org.perflab.env.ChildProcesses;
import org.perflab.env.InstalledJdks.InstalledJdk;
import org.perflab.kernel.Cli;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;
import org.perflab.kernel.exec.ChildJvm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
 * Measures the kernel as a frontend sees it, through the Jupyter protocol, on every JDK given, side by side in
 * one run: the time from launching the kernel process to the first {@code 1 + 1} result over several cold starts
 * (the JDKs take turns, so a slow spell of a noisy machine hits them alike), the round trip of a trivial cell
 * (execute_request sent to execute_reply and idle received) over many cells, and two references measured in
 * the same run on the same JDK:
 * <ul>
 *   <li>the floor: bare in-process JShell's time per {@code 1 + 1} snippet ({@link JShellFloor}), what any
 *       JShell-based kernel pays before its own protocol and process boundary;</li>
 *   <li>a tight arithmetic loop timed inside a cell with System.nanoTime, in a kernel started normally and in one
 *       started with {@code PERFLAB_FORCED_STOP=off} (no means of stopping a busy loop in place, so nothing that
 *       could slow it): their ratio is what that means costs a cell's measured code.</li>
 * </ul>
 * It prints figures with sample counts; it asserts nothing, because these machines are noisy.
 *
 * <pre>
 * java -cp kernel/target/perflab-kernel.jar org.perflab.kernel.bench.KernelBenchmark [--jdk DIR]... [--starts 10] [--cells 100]
 * </pre>
 * By default each JDK gets a kernelspec installed with its own {@code java} (class-data archives included, as a
 * user on that JDK gets it) in a temporary prefix; {@code --no-install} starts the kernel from this jar instead,
 * and {@code --kernelspec} measures one installed kernelspec exactly as its argv says.
 */
public final class KernelBenchmark {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The kernelspec's own options (see KernelspecInstaller), without its class-data archive. */
    static final List<String> DEFAULT_KERNEL_JVM_OPTIONS = org.perflab.kernel.install.KernelspecInstaller.KERNEL_JVM_OPTIONS;
    /** Untimed cells (and JShell snippets) before the timed ones, so both start from a warmed-up JVM. */
    static final int WARM_UP_CELLS = 20;
    static final String LOOP_NANOS = "loop-nanos";
    /**
     * The tight loop: a linear congruential step, whose every iteration depends on the one before, so the JIT
     * can neither vectorise it nor fold it away; the result is printed, so it is no dead code. A block keeps
     * {@code acc} a local variable: a top-level JShell variable would be a static field of the snippet's class.
     */
    static final String LOOP_CELL = "long loopNanos;\n"
            + "{\n"
            + "    long acc = 1;\n"
            + "    long started = System.nanoTime();\n"
            + "    for (int i = 0; i < %d; i++) { acc = acc * 6364136223846793005L + i; }\n"
            + "    loopNanos = System.nanoTime() - started;\n"
            + "    System.out.println(\"acc \" + acc);\n"
            + "}\n"
            + "System.out.println(\"" + LOOP_NANOS + " \" + loopNanos);";

    private KernelBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new Options(), args, System.out, System.err));
    }

    /** The benchmark's command line. */
    @Command(name = "KernelBenchmark", sortOptions = false,
            description = {"Times kernel cold starts to the first 1 + 1 result, trivial cells' round trips, bare in-process",
                    "JShell per snippet and a tight loop with and without the forced stop, side by side for each JDK.",
                    "Each JDK gets a kernelspec installed with its java in a temporary prefix, unless --no-install or",
                    "--kernelspec says otherwise."})
    public static final class Options implements Callable<Integer> {
        @Mixin
        Cli.HelpOption help;

        @Spec
        CommandSpec spec;

        @Option(names = "--jdk", paramLabel = "DIR",
                description = {"A JDK's home to measure; repeat for more (default: this JVM's and every other JDK "
                        + BenchmarkJdks.MIN_FEATURE + " or newer found, under /usr/lib/jvm, /opt/java, SDKMAN's or"
                        + " JAVA_HOME, each once)."})
        List<Path> jdks = new ArrayList<>();

        @Option(names = "--kernelspec", paramLabel = "DIR",
                description = "Measure this installed kernelspec's argv (its own JDK) instead; not with --jdk.")
        Path kernelspec;

        @Option(names = "--no-install", description = "Start the kernel from this jar on each JDK, without class-data archives.")
        boolean noInstall;

        @Option(names = "--jvm-opt", paramLabel = "OPTION",
                description = "A kernel JVM option, with --no-install; repeat for more (default: the kernelspec's own).")
        List<String> jvmOptions = new ArrayList<>();

        @Option(names = "--starts", paramLabel = "N", converter = Cli.Count.class,
                description = "Cold starts to time on each JDK (default: ${DEFAULT-VALUE}).")
        int starts = 10;

        @Option(names = "--cells", paramLabel = "N", converter = Cli.Count.class,
                description = "Trivial cells (and JShell snippets) to time on each JDK (default: ${DEFAULT-VALUE}).")
        int cells = 100;

        @Option(names = "--loop-runs", paramLabel = "N", converter = Cli.Count.class,
                description = "Tight-loop cells to time in each kernel, after two untimed (default: ${DEFAULT-VALUE}).")
        int loopRuns = 3;

        @Option(names = "--loop-kernels", paramLabel = "N", converter = Cli.Count.class,
                description = "Pairs of kernels, forced stop on and off, to time the tight loop in (default: ${DEFAULT-VALUE}).")
        int loopKernels = 3;

        @Option(names = "--loop-iterations", paramLabel = "N", converter = Cli.Count.class,
                description = "Iterations of the tight loop, about 1.6 ns each on this machine kind (default: ${DEFAULT-VALUE}).")
        int loopIterations = 200_000_000;

        @Override
        public Integer call() throws Exception {
            check();
            new Run(this).measure();
            return 0;
        }

        /** Refuses combinations that cannot mean anything, naming the fix. */
        void check() {
            if (kernelspec != null && !jdks.isEmpty()) {
                throw Cli.usage(spec, "--kernelspec measures that kernelspec on its own JDK; leave out --jdk, or leave"
                        + " out --kernelspec to install a kernelspec for each --jdk");
            }
            if (kernelspec != null && noInstall) {
                throw Cli.usage(spec, "--kernelspec and --no-install contradict each other; give one of them");
            }
            if (!jvmOptions.isEmpty() && !noInstall) {
                throw Cli.usage(spec, "--jvm-opt applies to a kernel started from this jar; add --no-install"
                        + " (an installed kernelspec has its own options)");
            }
            for (Path home : jdks) {
                try {
                    BenchmarkJdks.of(home);
                } catch (IllegalArgumentException e) {
                    throw Cli.usage(spec, "--jdk " + home + ": " + e.getMessage());
                }
            }
        }

        /** The JDKs to measure: those given, or this JVM's and every other found. */
        List<InstalledJdk> jdksToMeasure() {
            if (jdks.isEmpty()) {
                return BenchmarkJdks.onThisMachine();
            }
            List<InstalledJdk> given = new ArrayList<>();
            for (Path home : jdks) {
                given.add(BenchmarkJdks.of(home));
            }
            return given;
        }
    }

    /** One JDK's kernel command. */
    record Target(InstalledJdk jdk, List<String> kernelCommand) {
    }

    /** One run of the benchmark: its options, the temporary prefix of its kernelspecs, and its figures. */
    private static final class Run {
        private final Options options;

        Run(Options options) {
            this.options = options;
        }

        void measure() throws Exception {
            Path prefixes = options.kernelspec == null && !options.noInstall
                    ? Files.createTempDirectory("perflab-bench-") : null;
            try {
                List<Target> targets = targets(prefixes);
                System.out.printf(Locale.ROOT, "machine: %d cores; benchmark on Java %s%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.version());
                for (Target target : targets) {
                    System.out.printf(Locale.ROOT, "JDK %s: %s%n  kernel command: %s%n", target.jdk().version(),
                            target.jdk().home(), String.join(" ", target.kernelCommand()));
                }
                List<BenchmarkTable.Column> columns = measure(targets);
                System.out.println();
                System.out.printf(Locale.ROOT, "Medians and p90 over n samples; the tight loop runs %,d iterations per cell.%n",
                        options.loopIterations);
                System.out.print(BenchmarkTable.format(columns));
            } finally {
                ChildProcesses.deleteRecursively(prefixes);
            }
        }

        /** One kernel command per JDK: the kernelspec given, a kernelspec installed under {@code prefixes}, or this jar. */
        private List<Target> targets(Path prefixes) throws IOException, InterruptedException {
            if (options.kernelspec != null) {
                List<String> command = KernelCommands.commandOf(options.kernelspec);
                return List.of(new Target(KernelCommands.jdkOf(command), command));
            }
            List<String> jvmOptions = options.jvmOptions.isEmpty() ? DEFAULT_KERNEL_JVM_OPTIONS : options.jvmOptions;
            List<Target> targets = new ArrayList<>();
            for (InstalledJdk jdk : options.jdksToMeasure()) {
                List<String> command = options.noInstall ? KernelCommands.commandFromThisJar(jdk, jvmOptions)
                        : KernelCommands.commandOf(KernelCommands.install(jdk, prefixes.resolve("jdk-" + targets.size())));
                targets.add(new Target(jdk, command));
            }
            return targets;
        }

        private List<BenchmarkTable.Column> measure(List<Target> targets) throws Exception {
            List<Histogram> coldStarts = new ArrayList<>();
            targets.forEach(t -> coldStarts.add(BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(5))));
            for (int i = 0; i < options.starts; i++) {
                for (int t = 0; t < targets.size(); t++) {
                    long elapsed = coldStart(targets.get(t).kernelCommand());
                    coldStarts.get(t).recordValue(elapsed);
                    System.out.printf(Locale.ROOT, "cold start %2d on JDK %s: %6.0f ms to the first result%n", i + 1,
                            targets.get(t).jdk().version(), elapsed / 1e6);
                }
            }
            List<BenchmarkTable.Column> columns = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                Target target = targets.get(t);
                Histogram roundTrip = roundTrips(target.kernelCommand());
                Histogram floor = jshellFloor(target);
                Histogram[] loops = tightLoops(target.kernelCommand());
                columns.add(new BenchmarkTable.Column(target.jdk().version(), coldStarts.get(t), roundTrip, floor,
                        loops[0], loops[1]));
                System.out.printf(Locale.ROOT, "JDK %s measured: round trips, JShell floor, tight loops%n",
                        target.jdk().version());
            }
            return columns;
        }

        private long coldStart(List<String> command) {
            long launched = System.nanoTime();
            try (KernelProcess kernel = KernelLauncher.builder(command).launch()) {
                ExecutionResult result = kernel.client().execute("1 + 1", TIMEOUT);
                long elapsed = System.nanoTime() - launched;
                if (!"2".equals(result.resultText().orElse(""))) {
                    throw new IllegalStateException("1 + 1 gave " + result);
                }
                return elapsed;
            }
        }

        private Histogram roundTrips(List<String> command) {
            Histogram roundTrip = BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(1));
            try (KernelProcess kernel = KernelLauncher.builder(command).launch()) {
                for (int i = 0; i < WARM_UP_CELLS; i++) {
                    kernel.client().execute("1 + 1", TIMEOUT);
                }
                for (int i = 0; i < options.cells; i++) {
                    long sent = System.nanoTime();
                    kernel.client().execute("1 + 1", TIMEOUT);
                    roundTrip.recordValue(System.nanoTime() - sent);
                }
            }
            return roundTrip;
        }

        /**
         * Bare JShell on the target's JDK, in a process of its own with the kernel's JVM options (its JIT settings
         * matter most: with C2 compiling javac on 2 busy cores, a snippet took 40 to 70 ms instead of 15) and the
         * same warm-up and count as the cells.
         */
        private Histogram jshellFloor(Target target) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(target.jdk().java().toString());
            command.addAll(KernelCommands.jvmOptionsOf(target.kernelCommand()));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), JShellFloor.class.getName(),
                    String.valueOf(WARM_UP_CELLS), String.valueOf(options.cells)));
            String output = KernelCommands.runToEnd(command, TIMEOUT);
            Histogram floor = BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(1));
            JShellFloor.parse(output).forEach(floor::recordValue);
            return floor;
        }

        /**
         * The tight loop in pairs of kernels alive at once, one started normally and one with the forced stop off,
         * their cells taking turns (the order swapped each round) so a busy spell of the machine hits both alike.
         * Several pairs, because a JVM process can be steadily faster or slower than an identical one: two identical
         * kernels on JDK 17 differed by 25 to 60% in every one of their runs, in one direction or the other.
         */
        private Histogram[] tightLoops(List<String> command) {
            Histogram[] loops = {BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(10)),
                    BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(10))};
            String cell = String.format(Locale.ROOT, LOOP_CELL, options.loopIterations);
            for (int pair = 1; pair <= options.loopKernels; pair++) {
                try (KernelProcess forcedStopOn = KernelLauncher.builder(command).launch();
                     KernelProcess forcedStopOff = KernelLauncher.builder(command).environment(ChildJvm.FORCED_STOP_ENV, ChildJvm.FORCED_STOP_OFF).launch()) {
                    KernelProcess[] kernels = {forcedStopOn, forcedStopOff};
                    // Untimed, two rounds: a kernel's cells' JVM still compiles JShell itself in the background after
                    // its first cell, which slowed the other kernel's first timed cells by up to 80%.
                    for (int w = 0; w < 2; w++) {
                        for (KernelProcess kernel : kernels) {
                            loopNanos(kernel.client().execute(cell, TIMEOUT));
                        }
                    }
                    for (int i = 0; i < options.loopRuns; i++) {
                        for (int k = 0; k < 2; k++) {
                            int which = (i + k) % 2;
                            long nanos = loopNanos(kernels[which].client().execute(cell, TIMEOUT));
                            loops[which].recordValue(nanos);
                            System.out.printf(Locale.ROOT, "tight loop, kernel pair %d, run %d, forced stop %s: %4.0f ms%n",
                                    pair, i + 1, which == 0 ? "on " : "off", nanos / 1e6);
                        }
                    }
                }
            }
            return loops;
        }

    }

    /** The value the loop cell printed after {@value #LOOP_NANOS}; fails, quoting the result, without one. */
    static long loopNanos(ExecutionResult result) {
        for (String line : result.stdout().split("\\R")) {
            if (line.startsWith(LOOP_NANOS + " ")) {
                return Long.parseLong(line.substring(LOOP_NANOS.length() + 1).trim());
            }
        }
        throw new IllegalStateException("the tight-loop cell printed no '" + LOOP_NANOS + "' line: " + result);
    }

}
