package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbook's conventions, checked on the committed notebooks: cells that read as sentences (no code
 * cell over {@value #MAX_CODE_LINES} lines), at least two predict-then-measure exercises in every
 * notebook from 01 on (a markdown cell and a code cell, both tagged {@value #EXERCISE}), and one
 * navigation line at the top and one at the bottom.
 */
class WorkbookConventionsTest {

    static final int MAX_CODE_LINES = 30;
    static final String EXERCISE = "exercise";
    static final Path WORKBOOK = Path.of(System.getProperty("perflab.module.dir", ".")).toAbsolutePath().resolveSibling("notebooks");

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(WORKBOOK)) {
            List<Path> found = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList());
            assertFalse(found.isEmpty(), "no notebooks in " + WORKBOOK);
            return found;
        }
    }

    private static boolean numberedFrom01(Path notebook) {
        String name = notebook.getFileName().toString();
        return name.matches("\\d\\d-.*") && !name.startsWith("00-");
    }

    @Test
    void noCodeCellIsLongerThanThirtyLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : notebooks()) {
            for (NotebookCell cell : Notebook.read(file).cells()) {
                long lines = cell.source().lines().count();
                if (cell.isCode() && lines > MAX_CODE_LINES) {
                    tooLong.add(file.getFileName() + " cell " + cell.index() + " (" + lines + " lines)");
                }
            }
        }
        assertTrue(tooLong.isEmpty(), "code cells over " + MAX_CODE_LINES + " lines: " + tooLong);
    }

    @Test
    void everyNotebookFrom01HasTwoExercisesEachAQuestionAndACodeCell() throws IOException {
        for (Path file : notebooks()) {
            if (!numberedFrom01(file)) {
                continue;
            }
            List<NotebookCell> cells = Notebook.read(file).cells();
            long questions = cells.stream().filter(c -> c.hasTag(EXERCISE) && !c.isCode()).count();
            List<NotebookCell> code = cells.stream().filter(c -> c.hasTag(EXERCISE) && c.isCode()).toList();
            assertTrue(questions >= 2 && code.size() >= 2,
                    file.getFileName() + ": " + questions + " exercise questions and " + code.size() + " exercise code cells");
            for (NotebookCell cell : code) {
                assertTrue(cell.source().contains("Exercise.predict("),
                        file.getFileName() + " cell " + cell.index() + " is tagged exercise but sets no prediction against a measurement");
            }
        }
    }

    @Test
    void everyNumberedNotebookHasOneNavigationLineAtTheTopAndOneAtTheBottom() throws IOException {
        for (Path file : notebooks()) {
            if (!file.getFileName().toString().matches("\\d\\d-.*")) {
                continue;
            }
            List<NotebookCell> cells = Notebook.read(file).cells();
            assertTrue(cells.get(0).id().endsWith(Navigation.TOP), file.getFileName() + " starts without its navigation line");
            assertTrue(cells.get(cells.size() - 1).id().endsWith(Navigation.BOTTOM), file.getFileName() + " ends without its navigation line");
            long navigationLines = cells.stream().filter(c -> c.source().contains("[Contents](" + Navigation.INDEX + ")")).count();
            assertEquals(2, navigationLines, file.getFileName() + " cells with a navigation line");
        }
    }
}
