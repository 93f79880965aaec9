package org.perflab.kernel.install;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelspecFilesTest {

    @Test
    void kernelJsonTellsTheKernelItsOwnName() {
        JsonObject json = JsonParser.parseString(KernelspecInstaller.kernelJson("perflab-test", "-Xmx1g", false))
                .getAsJsonObject();
        JsonObject env = json.getAsJsonObject("env");
        assertEquals("perflab-test", env.get(KernelName.ENV).getAsString());
        assertEquals("-Xmx1g", env.get("PERFLAB_CHILD_JVM_OPTS").getAsString());
    }

    @Test
    void theKernelspecGetsTheWebJarsPlotly(@TempDir Path dir) throws Exception {
        Path script = PlotlyScript.copyInto(dir);
        assertEquals(dir.resolve(PlotlyScript.FILE_NAME), script);
        String head = new String(Files.readAllBytes(script), 0, 200, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(head.contains("plotly.js v" + PlotlyScript.webjarVersion()), head);
        assertTrue(Files.size(script) > 1_000_000, "the whole bundle: " + Files.size(script));
    }

    @Test
    void onlyJupyterKernelNamesAreAccepted() {
        assertTrue(KernelName.isValid("perflab-java"));
        assertTrue(KernelName.isValid("Perf.Lab_2"));
        assertFalse(KernelName.isValid("perflab java"));
        assertFalse(KernelName.isValid("x'/../y"));
        assertFalse(KernelName.isValid(""));
        assertFalse(KernelName.isValid(null));
    }
}
