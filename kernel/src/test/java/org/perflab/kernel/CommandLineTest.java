package org.perflab.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.perflab.kernel.bench.KernelBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's command line as picocli parses it: help, usage errors and what options parse into. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Object command, String... args) {
        return Cli.execute(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static CommandSpec spec(String command) {
        return new CommandLine(new PerfLabCommand()).getSubcommands().get(command).getCommandSpec();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "install", "run", "images", "navigation", "compare", "soak"})
    void everyCommandAnswersHelpWithItsOptions(String command) {
        for (String help : List.of("--help", "-h")) {
            out.reset();
            assertEquals(0, run(new PerfLabCommand(), command, help), err());
            assertTrue(out().startsWith("Usage: perflab-kernel.jar " + command), out());
            for (OptionSpec option : spec(command).options()) {
                assertTrue(out().contains(option.longestName()), option.longestName() + " in " + out());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "install", "run", "images", "navigation", "compare", "soak"})
    void everyDescriptionIsAValidFormatString(String command) {
        // picocli formats descriptions with String.format: a bare "%" (as in "95% interval") makes it print a
        // warning on every --help and fall back to the raw text, so a percent sign must be written "%%".
        CommandSpec spec = spec(command);
        List<String> lines = new java.util.ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(option -> lines.addAll(List.of(option.description())));
        spec.positionalParameters().forEach(parameter -> lines.addAll(List.of(parameter.description())));
        for (String line : lines) {
            assertDoesNotThrow(() -> String.format(line), command + ": " + line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "install", "run", "images", "navigation", "compare", "soak"})
    void anUnknownOptionIsAUsageErrorNamingTheValidOnes(String command) {
        assertEquals(2, run(new PerfLabCommand(), command, "--bogus", "x", "y"));

        assertTrue(err().contains("Unknown option") && err().contains("'--bogus'"), err());
        for (OptionSpec option : spec(command).options()) {
            assertTrue(err().contains(option.longestName()), option.longestName() + " in " + err());
        }
        assertTrue(err().contains("See 'perflab-kernel.jar " + command + " --help'"), err());
    }

    @Test
    void theJarsHelpListsTheCommandsAndVersionPrintsTheKernelsVersion() {
        assertEquals(0, run(new PerfLabCommand(), "--help"));
        for (String command : List.of("kernel", "install", "run", "images", "navigation", "compare", "soak")) {
            assertTrue(out().contains("  " + command + " "), command + " in " + out());
        }
        out.reset();
        assertEquals(0, run(new PerfLabCommand(), "--version"));
        assertEquals("PerfLab kernel " + Versions.perflab(), out().strip());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertEquals(2, run(new PerfLabCommand()));
        assertTrue(err().contains("No command given; give one of kernel, install, run"), err());
        err.reset();
        assertEquals(2, run(new PerfLabCommand(), "serve"));
        assertTrue(err().contains("'serve'") && err().contains("Commands: kernel, install"), err());
    }

    @Test
    void commandsParseTheirOptionsAndArgumentsAsBefore() {
        CommandLine jar = new CommandLine(new PerfLabCommand());
        PerfLabCommand.Kernel kernel = (PerfLabCommand.Kernel) jar.parseArgs("kernel", "/tmp/k.json")
                .subcommand().commandSpec().userObject();
        assertEquals(Path.of("/tmp/k.json"), kernel.connectionFile);

        CommandSpec images = parsed(jar, "images", "--if-available", "--tool", "t", "a.ipynb", "dir");
        assertEquals(true, images.findOption("--if-available").getValue());
        assertEquals(Path.of("t"), images.findOption("--tool").getValue());
        assertEquals(List.of(Path.of("a.ipynb"), Path.of("dir")), images.positionalParameters().get(0).getValue());
        assertEquals(Path.of("tools", "chart-images"),
                parsed(new CommandLine(new PerfLabCommand()), "images", "a.ipynb").findOption("--tool").getValue());

        CommandSpec navigation = parsed(new CommandLine(new PerfLabCommand()), "navigation", "--check", "notebooks");
        assertEquals(true, navigation.findOption("--check").getValue());
        assertEquals(Path.of("notebooks"), navigation.positionalParameters().get(0).getValue());

        CommandSpec compare = parsed(new CommandLine(new PerfLabCommand()), "compare", "ref.csv", "now.csv");
        assertEquals(Path.of("ref.csv"), compare.positionalParameters().get(0).getValue());
        assertEquals(Path.of("now.csv"), compare.positionalParameters().get(1).getValue());

        CommandSpec install = parsed(new CommandLine(new PerfLabCommand()), "install", "--name", "mine",
                "--child-jvm-opts", "-Xmx768m -XX:+UseSerialGC", "--no-cds");
        assertEquals("mine", install.findOption("--name").getValue());
        assertEquals("-Xmx768m -XX:+UseSerialGC", install.findOption("--child-jvm-opts").getValue());
        assertEquals(true, install.findOption("--no-cds").getValue());
    }

    private static CommandSpec parsed(CommandLine jar, String... args) {
        return jar.parseArgs(args).subcommand().commandSpec();
    }

    @Test
    void theBenchmarkParsesItsOptionsAndRefusesACountBelowOne() {
        String java17 = System.getProperty("java.home");
        CommandSpec bench = new CommandLine(new KernelBenchmark.Options()).parseArgs("--starts", "3", "--cells", "20",
                "--no-install", "--jvm-opt", "-XX:+UseSerialGC", "--jvm-opt", "-Xshare:auto",
                "--jdk", java17, "--jdk", "/opt/jdk-25", "--loop-runs", "4", "--loop-kernels", "2", "--loop-iterations", "1000").commandSpec();
        assertEquals(3, (Integer) bench.findOption("--starts").getValue());
        assertEquals(20, (Integer) bench.findOption("--cells").getValue());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xshare:auto"), bench.findOption("--jvm-opt").getValue());
        assertEquals(List.of(Path.of(java17), Path.of("/opt/jdk-25")), bench.findOption("--jdk").getValue());
        assertEquals(4, (Integer) bench.findOption("--loop-runs").getValue());
        assertEquals(2, (Integer) bench.findOption("--loop-kernels").getValue());
        assertEquals(1000, (Integer) bench.findOption("--loop-iterations").getValue());
        CommandSpec defaults = new CommandLine(new KernelBenchmark.Options()).parseArgs().commandSpec();
        assertEquals(10, (Integer) defaults.findOption("--starts").getValue());
        assertEquals(100, (Integer) defaults.findOption("--cells").getValue());
        assertEquals(List.of(), defaults.findOption("--jdk").getValue());
        assertEquals(3, (Integer) defaults.findOption("--loop-runs").getValue());
        assertEquals(3, (Integer) defaults.findOption("--loop-kernels").getValue());

        assertEquals(0, run(new KernelBenchmark.Options(), "--help"));
        assertTrue(out().contains("--kernelspec=DIR"), out());
        assertEquals(2, run(new KernelBenchmark.Options(), "--starts", "0"));
        assertTrue(err().contains("'--starts': 0 is less than 1; give a whole number of times, at least 1"), err());
    }

    @Test
    void theBenchmarkRefusesOptionsThatCannotGoTogetherBeforeMeasuringAnything() {
        assertEquals(2, run(new KernelBenchmark.Options(), "--kernelspec", "/k", "--jdk", System.getProperty("java.home")));
        assertTrue(err().contains("--kernelspec measures that kernelspec on its own JDK; leave out --jdk"), err());
        err.reset();
        assertEquals(2, run(new KernelBenchmark.Options(), "--jvm-opt", "-Xmx1g"));
        assertTrue(err().contains("--jvm-opt applies to a kernel started from this jar; add --no-install"), err());
        err.reset();
        assertEquals(2, run(new KernelBenchmark.Options(), "--jdk", "/no/such/jdk"));
        assertTrue(err().contains("--jdk /no/such/jdk: /no/such/jdk is not a JDK"), err());
        assertTrue(err().contains("Valid options: --help, --jdk DIR, --kernelspec DIR, --no-install"), err());
    }

    @Test
    void anArgumentStartingWithAtIsAnArgumentNotAFileOfArguments() {
        assertEquals(2, run(new PerfLabCommand(), "run", "@missing.ipynb"));
        assertTrue(err().contains("No such notebook or directory: @missing.ipynb"), err());
    }

    @Test
    void anInvalidKernelNameIsAUsageErrorNamingTheRule() {
        assertEquals(2, run(new PerfLabCommand(), "install", "--name", "a b", "--no-cds"));
        assertTrue(err().contains("--name a b is not a kernel name Jupyter accepts"), err());
        assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new PerfLabCommand()).parseArgs("install", "--prefix"));
    }
}
