package org.perflab.kernel.install;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code install}'s scope options: --user by default, and the last of --user, --sys-prefix and --prefix counts. */
class InstallCommandTest {

    private static KernelspecInstaller.InstallCommand parse(String... args) {
        KernelspecInstaller.InstallCommand command = new KernelspecInstaller.InstallCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void scopeIsUserUnlessAnotherIsGiven() {
        KernelspecInstaller.InstallCommand defaults = parse();
        assertEquals("--user", defaults.scope);
        assertNull(defaults.prefix);
        assertEquals(KernelspecInstaller.NAME, defaults.name);
        assertEquals("", defaults.childJvmOptions);
        assertEquals(false, defaults.noTraining);
        assertEquals(false, defaults.withTestcontainers, "Testcontainers (23 MB) only on request");
        assertEquals(true, parse("--with-testcontainers").withTestcontainers);

        assertEquals("--sys-prefix", parse("--sys-prefix").scope);
        KernelspecInstaller.InstallCommand prefix = parse("--prefix", "/tmp/p");
        assertEquals("--prefix", prefix.scope);
        assertEquals(Path.of("/tmp/p"), prefix.prefix);
    }

    @Test
    void theLastScopeGivenCounts() {
        assertEquals("--user", parse("--prefix", "/tmp/p", "--user").scope);
        assertEquals("--prefix", parse("--sys-prefix", "--prefix", "/tmp/p").scope);
        assertEquals("--sys-prefix", parse("--user", "--sys-prefix").scope);
    }
}
