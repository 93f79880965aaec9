package org.perflab.kernel.it;

import org.perflab.testing.Python;
import org.perflab.testing.Requirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real Jupyter client side against the installed kernel: Debian's jupyter_kernel_test
 * conformance suite, and nbclient executing the tour notebook. Without Python and those packages
 * the tests are skipped on a developer's machine; with CI=true they fail instead, so CI cannot go
 * green by skipping them.
 */
@Python
class PythonClientsIT {

    static final Path PYTHON_TESTS = InstalledKernel.MODULE.resolve("src/test/python");

    @Test
    void jupyterKernelTestSuitePasses() throws Exception {
        runPytest("test_conformance.py", "jupyter_kernel_test");
    }

    @Test
    void nbclientExecutesTheTourNotebook() throws Exception {
        runPytest("test_nbclient.py", "nbclient");
    }

    private static void runPytest(String file, String module) throws Exception {
        String python = python();
        boolean available = python != null && hasModules(python, "pytest", module);
        Requirement.require(available, "Python 3 with pytest and " + module,
                "apt-get install python3-pytest python3-jupyter-kernel-test python3-nbclient");
        Path jupyterPath = InstalledKernel.install();
        List<String> command = new ArrayList<>(List.of(python, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                PYTHON_TESTS.resolve(file).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(PYTHON_TESTS.toFile());
        builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
        builder.environment().put("PERFLAB_NOTEBOOKS", InstalledKernel.MODULE.resolveSibling("notebooks").toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        System.out.println(output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertEquals(0, finished ? process.exitValue() : -1, "pytest " + file + " failed:\n" + output);
    }

    private static String python() {
        for (String candidate : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // Not this one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static boolean hasModules(String python, String... modules) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
