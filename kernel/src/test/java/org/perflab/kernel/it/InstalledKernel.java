package org.perflab.kernel.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "install", "--prefix", PREFIX.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kernelspec install failed:\n" + out);
        }
        installed = true;
        return JUPYTER_PATH;
    }

    /** The argv to start the packaged kernel directly, as the kernelspec does. */
    static List<String> kernelCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "kernel", "{connection_file}");
    }
}
