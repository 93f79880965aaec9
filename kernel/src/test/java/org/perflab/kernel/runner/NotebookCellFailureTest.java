package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookCellFailureTest {

    @Test
    void ansiColourCodesAreStripped() {
        assertEquals("ZeroDivisionError: division by zero",
                Ansi.strip("\u001B[0;31mZeroDivisionError\u001B[0m: division by zero"));
        assertEquals("x", Ansi.strip("\u001B[38;5;241;43mx\u001B[39;49m"));
        assertEquals("title gone", Ansi.strip("\u001B]0;window\u0007title gone"));
    }

    @Test
    void reportNamesTheCellShowsItsSourceAndAPlainTraceback() {
        Notebook notebook = Notebook.parse("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + "{\"cell_type\":\"markdown\",\"id\":\"m\",\"metadata\":{},\"source\":\"# T\"},"
                + "{\"cell_type\":\"code\",\"id\":\"div\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                + "\"source\":\"x = 1\\nx / 0\"}]}", "t");

        NotebookCellFailure failure = new NotebookCellFailure(NotebookCellFailure.Kind.ERROR, notebook.cells().get(1), 2,
                "ZeroDivisionError", "division by zero",
                List.of("\u001B[0;31m---------\u001B[0m", "\u001B[0;32m----> 2\u001B[0m x / 0"));

        String report = failure.report();
        assertTrue(report.startsWith("cell 2 of 2 (index 1, id div) raised ZeroDivisionError: division by zero"), report);
        assertTrue(report.contains("    x = 1\n    x / 0"), report);
        assertTrue(report.contains("----> 2 x / 0"), report);
        assertFalse(report.contains("\u001B"), report);
    }
}
