package org.perflab.kernel.bench;

import org.junit.jupiter.api.Test;
import org.perflab.env.InstalledJdks.InstalledJdk;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the benchmark that are not timing: commands it builds and output it reads. */
class KernelCommandsTest {

    @Test
    void theFloorGetsTheKernelsJvmOptionsWithoutItsClassDataArchive() {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss2m"), KernelCommands.jvmOptionsOf(List.of(
                "/jdk/bin/java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss2m",
                "-XX:SharedArchiveFile=/k/kernel.jsa", "-jar", "/k/perflab-kernel.jar", "-Xmx1g", "kernel", "{connection_file}")));
        assertEquals(List.of("-Xshare:auto"), KernelCommands.jvmOptionsOf(List.of(
                "/jdk/bin/java", "-Xshare:auto", "-cp", "a.jar", "org.perflab.kernel.Main")));
    }

    @Test
    void theKernelFromThisJarStartsWithTheGivenJdksJava() {
        InstalledJdk current = BenchmarkJdks.of(Path.of(System.getProperty("java.home")));
        List<String> command = KernelCommands.commandFromThisJar(current, List.of("-Xss2m"));
        assertEquals(List.of(current.java().toString(), "-Xss2m", "-cp"), command.subList(0, 3));
        assertEquals(List.of("org.perflab.kernel.Main", "kernel", "{connection_file}"), command.subList(4, 7));
    }

    @Test
    void aKernelspecStartedByARelativeJavaHasNoJdkToName() {
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> KernelCommands.jdkOf(List.of("java", "-jar", "k.jar")));
        assertTrue(relative.getMessage().contains("reinstall it"), relative.getMessage());
        assertEquals(BenchmarkJdks.of(Path.of(System.getProperty("java.home"))), KernelCommands.jdkOf(List.of(BenchmarkJdks.of(Path.of(System.getProperty("java.home"))).java().toString(), "-jar", "k.jar")));
    }
}
