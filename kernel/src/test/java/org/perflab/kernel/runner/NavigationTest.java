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
}
