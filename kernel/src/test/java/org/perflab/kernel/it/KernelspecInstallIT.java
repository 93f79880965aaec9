package org.perflab.kernel.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.testing.Requirement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's install command, with and without Jupyter on the PATH, for each scope: the
 * kernelspec lands where Jupyter looks, holds its own jars, and starts the kernel from there.
 */
class KernelspecInstallIT {

    private static String run(Map<String, String> environment, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", InstalledKernel.JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "install did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static void assertKernelspec(Path dir) throws Exception {
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("Java (PerfLab)", spec.get("display_name").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertTrue(spec.getAsJsonArray("argv").toString().contains("{resource_dir}/perflab-kernel.jar"), spec.toString());
        assertTrue(Files.isRegularFile(dir.resolve("perflab-kernel.jar")));
        assertEquals(dir.getFileName().toString(), spec.getAsJsonObject("env").get("PERFLAB_KERNEL_NAME").getAsString(),
                "the kernel knows its kernelspec's name, which charts use to load plotly.js from it");
        assertTrue(Files.size(dir.resolve("plotly.js")) > 1_000_000, "plotly.js is served from the kernelspec");
        try (var libs = Files.list(dir.resolve("lib"))) {
            assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("perflab-lib")),
                    "the kernelspec carries its own copy of the library");
        }
    }

    @Test
    void withoutJupyterThePrefixAndUserDirectoriesAreWrittenDirectly(@TempDir Path tmp) throws Exception {
        Path emptyPath = Files.createDirectories(tmp.resolve("no-jupyter-here"));
        Path prefix = tmp.resolve("prefix");
        run(Map.of("PATH", emptyPath.toString()), "install", "--prefix", prefix.toString(), "--no-cds");
        assertKernelspec(prefix.resolve("share/jupyter/kernels/perflab-java"));

        Path data = tmp.resolve("jupyter-data");
        run(Map.of("PATH", emptyPath.toString(), "JUPYTER_DATA_DIR", data.toString()), "install", "--user", "--no-cds");
        assertKernelspec(data.resolve("kernels/perflab-java"));

        Path venv = tmp.resolve("venv");
        run(Map.of("PATH", emptyPath.toString(), "VIRTUAL_ENV", venv.toString()), "install", "--sys-prefix", "--no-cds");
        assertKernelspec(venv.resolve("share/jupyter/kernels/perflab-java"));
    }

    @Test
    void withJupyterTheKernelIsListedUnderItsDisplayName(@TempDir Path tmp) throws Exception {
        Requirement.require(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter (/usr/bin/jupyter)",
                "apt-get install jupyter-client");
        Path prefix = tmp.resolve("prefix");
        String output = run(Map.of(), "install", "--prefix", prefix.toString());
        assertTrue(output.contains("Recorded class-data archives"), output);
        Path spec = prefix.resolve("share/jupyter/kernels/perflab-java");
        assertKernelspec(spec);
        assertTrue(Files.isRegularFile(spec.resolve("kernel.jsa")) && Files.isRegularFile(spec.resolve("child.jsa")));

        ProcessBuilder list = new ProcessBuilder("/usr/bin/jupyter", "kernelspec", "list", "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        list.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        Process process = list.start();
        String json = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        JsonObject specs = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("kernelspecs");
        assertEquals("Java (PerfLab)", specs.getAsJsonObject("perflab-java").getAsJsonObject("spec")
                .get("display_name").getAsString());
    }
}
