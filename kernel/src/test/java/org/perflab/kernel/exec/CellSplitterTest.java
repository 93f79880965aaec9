package org.perflab.kernel.exec;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Splitting a cell into JShell snippets: what each chunk holds, where it starts and its first cell line. */
class CellSplitterTest {

    private static JShell jshell;

    @BeforeAll
    static void analysis() {
        // Only the source analysis is used: an in-process engine, nothing is run.
        jshell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void close() {
        jshell.close();
    }

    private static List<CellSplitter.Chunk> split(String cell) {
        return CellSplitter.split(jshell.sourceCodeAnalysis(), cell);
    }

    private static List<String> sources(String cell) {
        return split(cell).stream().map(CellSplitter.Chunk::source).toList();
    }

    private static List<Integer> firstLines(String cell) {
        return split(cell).stream().map(CellSplitter.Chunk::firstLine).toList();
    }

    /** The chunks' sources and first cell lines, in order. */
    private static void assertSplit(String cell, List<String> sources, List<Integer> firstLines) {
        assertEquals(sources, sources(cell), "sources");
        assertEquals(firstLines, firstLines(cell), "first lines");
    }

    @Test
    void oneSnippetPerStatementWithItsLine() {
        String cell = "int a = 1;\nint b = 2;\nint c = a + b;";
        assertSplit(cell, List.of("int a = 1;", "int b = 2;", "int c = a + b;"), List.of(1, 2, 3));
    }

    @Test
    void statementsOnOneLineAreSeparateSnippetsOnThatLine() {
        String cell = "int x = 1; int y = 2;";
        List<CellSplitter.Chunk> chunks = split(cell);
        assertSplit(cell, List.of("int x = 1;", "int y = 2;"), List.of(1, 1));
        assertEquals(11, chunks.get(1).start(), "the second chunk starts after the blank between them");
        assertEquals(cell.length(), chunks.get(1).end());
    }

    @Test
    void trailingExpressionWithoutSemicolonIsTheLastSnippet() {
        String cell = "int z = 41;\nz + 1";
        assertSplit(cell, List.of("int z = 41;", "z + 1"), List.of(1, 2));
    }

    @Test
    void blankLinesMoveTheNextSnippetsLine() {
        String cell = "\n\nint z = 1;\n\n\nz + 1\n\n   \n";
        List<CellSplitter.Chunk> chunks = split(cell);
        assertEquals(2, chunks.size(), "trailing blank lines make no snippet of their own");
        assertEquals("z + 1", chunks.get(1).source().strip());
        assertEquals(List.of(3, 6), firstLines(cell));
    }

    @Test
    void blankCellHasNoSnippets() {
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("  \n\t\n"));
    }

    @Test
    void leadingCommentStaysWithItsSnippetSoLinesInsideItStayRight() {
        String cell = "// setup\nint a = 1;\nint b = 2;";
        assertSplit(cell, List.of("// setup\nint a = 1;", "int b = 2;"), List.of(1, 3));
    }

    @Test
    void commentAfterAStatementStartsTheNextSnippet() {
        String cell = "int q = 1; // the answer, almost\nq";
        List<CellSplitter.Chunk> chunks = split(cell);
        assertEquals(List.of("int q = 1;", "// the answer, almost\nq"), sources(cell));
        // The comment is on line 1, so the snippet's line 2 ("q") is the cell's line 2.
        assertEquals(1, chunks.get(1).firstLine());
        SnippetLocations.Origin origin = new SnippetLocations.Origin(7, chunks.get(1).firstLine(), chunks.get(1).source());
        assertEquals("q", origin.sourceLine(2));
        assertEquals(2, origin.cellLine(2));
    }

    @Test
    void textBlockWithSemicolonsInsideIsOneSnippet() {
        String cell = "String t = \"\"\"\n  hi; there;\n  \"\"\";\nt.length()";
        assertSplit(cell, List.of("String t = \"\"\"\n  hi; there;\n  \"\"\";", "t.length()"), List.of(1, 4));
    }

    @Test
    void nestedGenericsAreNotComparisons() {
        String cell = "Map<String, List<Integer>> m = new HashMap<>();\nm.put(\"a\", List.of(1 > 0 ? 1 : 2));";
        assertEquals(List.of("Map<String, List<Integer>> m = new HashMap<>();", "m.put(\"a\", List.of(1 > 0 ? 1 : 2));"),
                sources(cell));
    }

    @Test
    void labelStaysWithItsLoop() {
        String cell = "outer:\nfor (int i = 0; i < 3; i++) { for (;;) { break outer; } }\nint after = 1;";
        assertSplit(cell, List.of("outer:\nfor (int i = 0; i < 3; i++) { for (;;) { break outer; } }", "int after = 1;"),
                List.of(1, 3));
    }

    @Test
    void methodBodyIsOneSnippet() {
        String cell = "void f() {\n  int x = 1;\n}\nf();";
        assertSplit(cell, List.of("void f() {\n  int x = 1;\n}", "f();"), List.of(1, 4));
    }

    @Test
    void incompleteTrailingCodeIsKeptWholeSoTheCompilerCanSaySo() {
        String cell = "int a = 1;\nfoo(1,\n  2";
        List<CellSplitter.Chunk> chunks = split(cell);
        assertEquals(List.of("int a = 1;", "foo(1,\n  2"), sources(cell));
        assertEquals(2, chunks.get(1).firstLine());
        assertEquals(cell.length(), chunks.get(1).end());
    }

    @Test
    void lineOfCountsNewlinesBeforeTheOffset() {
        assertEquals(1, CellSplitter.lineOf("ab\ncd", 0));
        assertEquals(1, CellSplitter.lineOf("ab\ncd", 2));
        assertEquals(2, CellSplitter.lineOf("ab\ncd", 3));
        assertEquals(2, CellSplitter.lineOf("ab\ncd", 99));
    }
}
