package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelCommandTest {

    @Test
    void defaultCommandRunsThePerflabKernelOnThisJvmsClassPath() {
        List<String> command = KernelCommand.defaultCommand();

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
        int options = org.perflab.kernel.install.KernelspecInstaller.KERNEL_JVM_OPTIONS.size();
        assertEquals(org.perflab.kernel.install.KernelspecInstaller.KERNEL_JVM_OPTIONS, command.subList(1, 1 + options),
                "the kernel JVM starts with the kernelspec's options");
        assertEquals(List.of("-cp", KernelCommand.absoluteClassPath(System.getProperty("java.class.path")),
                "org.perflab.kernel.Main", "kernel", "{connection_file}"), command.subList(1 + options, command.size()));
    }

    @Test
    void classPathEntriesBecomeAbsoluteBecauseKernelsStartInTheNotebookDirectory() {
        String absolute = KernelCommand.absoluteClassPath("target/classes" + File.pathSeparator + "/opt/lib/a.jar");

        assertEquals(Path.of("target/classes").toAbsolutePath() + File.pathSeparator + "/opt/lib/a.jar", absolute);
    }

    @Test
    void parsesLikeAShellWithoutExpanding() {
        assertEquals(List.of("/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"),
                KernelCommand.parse("  /usr/bin/python3 -m ipykernel_launcher   -f {connection_file} "));
        assertEquals(List.of("java", "-Dname=a b", "$HOME", "it's", "x\"y", "", "a\\b"),
                KernelCommand.parse("java \"-Dname=a b\" '$HOME' it\\'s \"x\\\"y\" '' 'a\\b'"));
    }

    @Test
    void unterminatedQuoteIsReportedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelCommand.parse("java 'oops"));
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
    }
}
