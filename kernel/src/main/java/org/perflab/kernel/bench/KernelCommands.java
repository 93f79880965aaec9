package org.perflab.kernel.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.perflab.env.InstalledJdks.InstalledJdk;
import org.perflab.kernel.client.KernelLauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command lines that start a kernel on a given JDK, for {@link KernelBenchmark}: from an installed
 * kernelspec's argv, from a kernelspec installed for the run, or from this jar; and what a command says
 * about its JDK and its JVM options.
 */
final class KernelCommands {

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

    private KernelCommands() {
    }

    /** Installs a kernelspec with {@code jdk}'s java under {@code prefix}; answers its directory. */
    static Path install(InstalledJdk jdk, Path prefix) throws IOException, InterruptedException {
        Path jar = thisJar();
        String output = runToEnd(List.of(jdk.java().toString(), "-jar", jar.toString(), "install",
                "--prefix", prefix.toString(), "--name", "perflab-bench"), INSTALL_TIMEOUT);
        Path kernelspec = prefix.resolve("share/jupyter/kernels/perflab-bench");
        if (!Files.isRegularFile(kernelspec.resolve("kernel.json"))) {
            throw new IllegalStateException("installing a kernelspec with " + jdk.java() + " left no "
                    + kernelspec.resolve("kernel.json") + "; it printed:\n" + output);
        }
        return kernelspec;
    }

    /** Runs {@code command} to its end and answers its output (stdout and stderr); fails if it fails. */
    static String runToEnd(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " ended with exit code " + process.exitValue()
                    + ":\n" + output);
        }
        return output;
    }

    /**
     * The JVM options of a kernel command: what stands between its java and its {@code -jar} or {@code -cp}, less
     * the class-data archive, which belongs to the kernel's class path.
     */
    static List<String> jvmOptionsOf(List<String> kernelCommand) {
        List<String> jvmOptions = new ArrayList<>();
        for (String arg : kernelCommand.subList(1, kernelCommand.size())) {
            if (arg.equals("-jar") || arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                break;
            }
            if (!arg.startsWith("-XX:SharedArchiveFile=")) {
                jvmOptions.add(arg);
            }
        }
        return jvmOptions;
    }

    /** The JDK of a kernelspec's argv: argv[0] is its java, by absolute path as the installer writes it. */
    static InstalledJdk jdkOf(List<String> kernelCommand) {
        Path java = Path.of(kernelCommand.get(0));
        if (!java.isAbsolute() || java.getParent() == null || java.getParent().getParent() == null) {
            throw new IllegalArgumentException("the kernelspec starts '" + java + "', not a java by absolute path;"
                    + " reinstall it with 'java -jar perflab-kernel.jar install'");
        }
        return BenchmarkJdks.of(java.getParent().getParent());
    }

    private static Path thisJar() {
        try {
            Path location = Path.of(KernelCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException("the benchmark runs from " + location + ", not from the kernel jar:"
                        + " run 'mvn -q package -DskipTests' and then 'java -cp kernel/target/perflab-kernel.jar ...',"
                        + " or add --no-install");
            }
            return location;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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

    /** The kernel from the jar this runs from, launched by {@code jdk}'s java. */
    static List<String> commandFromThisJar(InstalledJdk jdk, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.perflab.kernel.Main", "kernel", KernelLauncher.CONNECTION_FILE_PLACEHOLDER));
        return command;
    }
}
