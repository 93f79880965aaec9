package org.perflab.kernel.client;

import org.perflab.testing.Requirement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's ipykernel as a reference kernel for tests. Tests that need it carry
 * {@link org.perflab.testing.Python @Python} and call {@link #assumePresent()}: they skip when
 * /usr/bin/python3 is missing on a developer machine, and fail on CI (env CI=true), where it must
 * be installed ({@link Requirement}).
 */
public final class Ipykernel {

    /** Explicit path: the python3 first on PATH may be a pyenv without ipykernel. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROCESS_EXIT_WAIT = Duration.ofSeconds(10);

    private Ipykernel() {
    }

    public static List<String> command() {
        return List.of(PYTHON.toString(), "-m", "ipykernel_launcher", "-f", KernelLauncher.CONNECTION_FILE_PLACEHOLDER);
    }

    public static void assumePresent() {
        Requirement.require(Files.isExecutable(PYTHON), PYTHON + " (Debian's Python 3, for ipykernel)",
                "apt-get install python3-ipykernel");
    }

    public static KernelProcess launch() {
        return KernelLauncher.builder(command()).kernelName("python3").startupTimeout(STARTUP_TIMEOUT).launch();
    }

    /** Runs python with a script and arguments; returns stdout, fails the test on a non-zero exit. */
    public static String runPython(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("python did not finish within 60 s: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> "python failed: " + command + "\n" + output);
            return output;
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running python", e);
        }
    }

    /** Every process this JVM started has exited (waits a little for the ones being reaped). */
    public static void assertNoChildProcesses() {
        long deadline = System.nanoTime() + PROCESS_EXIT_WAIT.toNanos();
        List<ProcessHandle> alive;
        do {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        List<String> described = alive.stream()
                .map(handle -> handle.pid() + " " + handle.info().commandLine().orElse("?")).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        assertTrue(false, "Orphan child processes remain (now killed): " + described);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
