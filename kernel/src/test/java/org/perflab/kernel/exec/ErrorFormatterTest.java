package org.perflab.kernel.exec;

import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracebacks from real JShell diagnostics and exceptions: cell lines, carets, causes and trimmed frames. */
class ErrorFormatterTest {

    /** One in-process JShell for the class: starting one costs a second or more; redefinitions are fine. */
    private static JShell jshell;
    private final SnippetLocations locations = new SnippetLocations();
    private final ErrorFormatter formatter = new ErrorFormatter(locations);

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void close() {
        jshell.close();
    }

    /** Evaluates one snippet as cell {@code cell} would at {@code firstLine}, remembering its origin. */
    private SnippetEvent eval(int cell, int firstLine, String source) {
        SnippetEvent event = jshell.eval(source).get(0);
        locations.remember(event.snippet().id(), new SnippetLocations.Origin(cell, firstLine, source));
        return event;
    }

    private CellError compileError(int cell, int firstLine, String source) {
        SnippetEvent event = eval(cell, firstLine, source);
        assertEquals(Snippet.Status.REJECTED, event.status(), source);
        return formatter.compileError(locations.find(event.snippet().id()),
                jshell.diagnostics(event.snippet()).toList());
    }

    private CellError runtimeError(int cell, int firstLine, String source) {
        JShellException exception = eval(cell, firstLine, source).exception();
        assertNotNull(exception, source + " should throw");
        return formatter.runtimeError(exception);
    }

    /** The traceback as a frontend shows it, without colours. */
    private static List<String> plain(CellError error) {
        return error.traceback().stream().map(line -> line.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
    }

    @Test
    void compileErrorNamesTheCellLineAndPutsTheCaretUnderTheProblem() {
        CellError error = compileError(3, 2, "String s = 42;");
        assertEquals(CellError.COMPILATION, error.ename());
        assertTrue(error.evalue().startsWith("incompatible types"), error.evalue());
        List<String> lines = plain(error);
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("Compile error in cell [3] line 2: incompatible types"), lines.get(0));
        assertEquals("    String s = 42;", lines.get(1));
        assertEquals("    " + " ".repeat("String s = ".length()) + "^^", lines.get(2));
    }

    @Test
    void compileErrorOnALaterLineOfAMultiLineSnippet() {
        CellError error = compileError(8, 5, "void f() {\n  int ok = 1;\n  int n = \"text\";\n}");
        List<String> lines = plain(error);
        assertTrue(lines.get(0).startsWith("Compile error in cell [8] line 7:"), lines.get(0));
        assertEquals("      int n = \"text\";", lines.get(1));
        assertEquals("    " + " ".repeat("  int n = ".length()) + "^^^^^^", lines.get(2), "under \"text\"");
    }

    @Test
    void compileErrorDropsTheEmptyLocationLineOfAMissingSymbol() {
        CellError error = compileError(1, 1, "int y = undefinedThing + 1;");
        List<String> lines = plain(error);
        assertTrue(lines.get(0).contains("cannot find symbol"), lines.get(0));
        assertFalse(String.join("\n", lines).contains("location: class"), lines::toString);
        assertEquals("    int y = undefinedThing + 1;", lines.get(lines.size() - 2));
        assertEquals("    " + " ".repeat("int y = ".length()) + "^".repeat("undefinedThing".length()),
                lines.get(lines.size() - 1));
    }

    @Test
    void compileErrorWithoutErrorDiagnosticsStillSaysTheCellDoesNotCompile() {
        CellError error = formatter.compileError(new SnippetLocations.Origin(1, 1, "x"), List.of());
        assertEquals("the cell does not compile", error.evalue());
        assertEquals(List.of("the cell does not compile"), error.traceback());
    }

    @Test
    void runtimeErrorShowsTheCellLineTheExceptionAndEachCause() {
        eval(4, 1, "void boom(int depth) {\n  if (depth == 0) throw new IllegalStateException(\"root\");\n  boom(depth - 1);\n}");
        CellError error = runtimeError(5, 10,
                "try {\n  boom(1);\n} catch (Exception e) {\n  throw new RuntimeException(\"wrapped\", e);\n}");
        assertEquals("java.lang.RuntimeException", error.ename());
        assertEquals("wrapped", error.evalue());
        List<String> lines = plain(error);
        assertEquals("java.lang.RuntimeException at cell [5] line 13:\n"
                + "    throw new RuntimeException(\"wrapped\", e);", lines.get(0));
        assertEquals("java.lang.RuntimeException: wrapped", lines.get(1));
        assertEquals("    at cell [5] line 13", lines.get(2));
        int cause = lines.indexOf("Caused by: java.lang.IllegalStateException: root");
        assertTrue(cause > 0, lines::toString);
        assertEquals(List.of("    at boom(cell [4] line 2)", "    at boom(cell [4] line 3)", "    at cell [5] line 11"),
                lines.subList(cause + 1, lines.size()));
    }

    @Test
    void longStacksAreCut() {
        eval(1, 1, "void down(int depth) {\n  if (depth == 0) throw new IllegalStateException(\"bottom\");\n  down(depth - 1);\n}");
        CellError error = runtimeError(2, 1, "down(60);");
        List<String> lines = plain(error);
        long frames = lines.stream().filter(l -> l.startsWith("    at ")).count();
        assertEquals(ErrorFormatter.MAX_FRAMES, frames);
        assertEquals("    ... " + (62 - ErrorFormatter.MAX_FRAMES) + " more frames", lines.get(lines.size() - 1));
    }

    @Test
    void wrapperClassNamesAreRemovedFromMessages() {
        eval(1, 1, "String name = null;");
        CellError error = runtimeError(2, 1, "name.length();");
        assertEquals("java.lang.NullPointerException", error.ename());
        assertTrue(error.evalue().contains("because \"name\" is null"), error.evalue());
        assertFalse(error.evalue().contains("$JShell$"), error.evalue());
    }

    @Test
    void unresolvedReferenceSaysWhatToDefine() {
        eval(1, 1, "void later() { notYetDefined(); }");
        CellError error = runtimeError(2, 1, "later();");
        assertEquals("UnresolvedReferenceException", error.ename());
        assertTrue(error.evalue().startsWith("'later' uses something that is not defined yet"), error.evalue());
    }

    @Test
    void framesStopAtTheMachineryThatRanTheSnippet() {
        locations.remember("7", new SnippetLocations.Origin(3, 4, "work();"));
        StackTraceElement[] stack = {
            new StackTraceElement("java.util.ArrayList", "get", "ArrayList.java", 427),
            new StackTraceElement("REPL.$JShell$7", "do_it$", "#7", 1),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
            new StackTraceElement("java.lang.reflect.Method", "invoke", "Method.java", 568),
            new StackTraceElement("jdk.jshell.execution.DirectExecutionControl", "invoke", null, 1),
            new StackTraceElement("org.perflab.kernel.child.ChildExecutionControl", "invoke", null, 1),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840),
        };
        assertEquals(List.of("java.util.ArrayList.get(ArrayList.java:427)", "cell [3] line 4"),
                formatter.userFrames(stack));
    }

    @Test
    void exceptionClassIsTheUsersNotJShells() {
        JShellException exception = eval(1, 1, "throw new java.io.UncheckedIOException(new java.io.IOException(\"disk\"));")
                .exception();
        assertEquals("java.io.UncheckedIOException", ErrorFormatter.exceptionClass(exception));
    }
}
