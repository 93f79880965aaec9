package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NavigationTest {

    private static final String MINIMAL = "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"t\", \"metadata\": {},"
            + " \"source\": \"# %s\\n\\n**Question:** %s\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";

    /** The committed workbook's navigation is what the script would write: CI fails otherwise. */
    @Test
    void committedNotebooksHaveCurrentNavigation() {
        Path notebooks = Path.of(System.getProperty("perflab.module.dir", ".")).toAbsolutePath().resolveSibling("notebooks");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Navigation.run(new String[] {"--check", notebooks.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesLinksAndContentsAndIsSafeToRerun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("00-a.ipynb"), String.format(MINIMAL, "00 · First", "why a?"));
        Files.writeString(dir.resolve("01-b.ipynb"), String.format(MINIMAL, "01 · Second", "why b,\\nover two lines?\\n\\nNot this."));
        Files.writeString(dir.resolve("index.ipynb"), String.format(MINIMAL, "Workbook", "all"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertEquals(0, Navigation.run(new String[] {dir.toString()}, quiet));
        String first = Files.readString(dir.resolve("00-a.ipynb"));
        assertTrue(first.contains("[Contents](index.ipynb) · Next: [01 · Second](01-b.ipynb)"), first);
        String second = Files.readString(dir.resolve("01-b.ipynb"));
        assertTrue(second.contains("Previous: [00 · First](00-a.ipynb)"), second);
        String index = Files.readString(dir.resolve("index.ipynb"));
        assertTrue(index.contains("1. [00 · First](00-a.ipynb) — why a?"), index);
        assertTrue(index.contains("2. [01 · Second](01-b.ipynb) — why b, over two lines?\""), index);

        Map<Path, String> again = Navigation.render(dir);
        assertTrue(again.isEmpty(), "a second run changes nothing: " + again.keySet());
        assertEquals(0, Navigation.run(new String[] {"--check", dir.toString()}, quiet));
    }

    @Test
    void theContentsSayHowLongEachNotebooksCommittedRunTook(@TempDir Path dir) throws Exception {
        String ran = "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"t\", \"metadata\": {},"
                + " \"source\": \"# 00 · Timed\\n\\n**Question:** how long?\"},"
                + " {\"cell_type\": \"code\", \"id\": \"c1\", \"execution_count\": 1, \"outputs\": [], \"source\": \"1\","
                + " \"metadata\": {\"execution\": {\"iopub.status.busy\": \"2026-01-01T00:00:00Z\","
                + " \"iopub.status.idle\": \"2026-01-01T00:00:20Z\"}}},"
                + " {\"cell_type\": \"code\", \"id\": \"c2\", \"execution_count\": 2, \"outputs\": [], \"source\": \"2\","
                + " \"metadata\": {\"execution\": {\"iopub.status.busy\": \"2026-01-01T00:00:20Z\","
                + " \"iopub.status.idle\": \"2026-01-01T00:01:13Z\"}}}],"
                + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
        Files.writeString(dir.resolve("00-a.ipynb"), ran);
        Files.writeString(dir.resolve("index.ipynb"), String.format(MINIMAL, "Workbook", "all"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertEquals(0, Navigation.run(new String[] {dir.toString()}, quiet));
        String index = Files.readString(dir.resolve("index.ipynb"));
        assertTrue(index.contains("1. [00 · Timed](00-a.ipynb) — how long? (1 min 15 s)"), index);
        assertEquals("45 s", Navigation.runTime(java.time.Duration.ofMillis(44_900)));
        assertEquals("5 s", Navigation.runTime(java.time.Duration.ofMillis(300)));
        assertEquals("2 min", Navigation.runTime(java.time.Duration.ofSeconds(119)));
    }
}
