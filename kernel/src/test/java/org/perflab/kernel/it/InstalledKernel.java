package org.perflab.kernel.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel as a user gets it: the packaged jar, installed as a kernelspec with the README's own
 * install command into a prefix under target/, for the tests that drive it from outside.
 */
final class InstalledKernel {

    static final Path MODULE = Path.of(System.getProperty("perflab.module.dir", ".")).toAbsolutePath().normalize();
    static final Path JAR = MODULE.resolve("target/perflab-kernel.jar");
    static final Path PREFIX = MODULE.resolve("target/jupyter-prefix");
    static final Path JUPYTER_PATH = PREFIX.resolve("share/jupyter");

    private static boolean installed;

    private InstalledKernel() {
    }

    /** Runs {@code java -jar perflab-kernel.jar install --prefix target/jupyter-prefix} once per JVM. */
    static synchronized Path install() throws IOException, InterruptedException {
        if (installed) {
            return JUPYTER_PATH;
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after 'mvn package' (use 'mvn verify')");
        }
        JarRun run = runJar(List.of("install", "--prefix", PREFIX.toString()), Map.of(), Duration.ofSeconds(120));
        if (!run.finished() || run.exitCode() != 0) {
            throw new IllegalStateException("kernelspec install failed:\n" + run.output());
        }
        installed = true;
        return JUPYTER_PATH;
    }

    /** What {@code java -jar perflab-kernel.jar ...} printed (stdout and stderr) and how it ended. */
    record JarRun(boolean finished, int exitCode, String output) {
    }

    /**
     * Runs {@code java -jar perflab-kernel.jar ARGUMENTS} to its end; an empty value in {@code
     * environment} removes that variable from the command's environment.
     */
    static JarRun runJar(List<String> arguments, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        return new JarRun(finished, finished ? process.exitValue() : -1, output);
    }

    /** The argv to start the packaged kernel directly, as the kernelspec does. */
    static List<String> kernelCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "kernel", "{connection_file}");
    }
}
