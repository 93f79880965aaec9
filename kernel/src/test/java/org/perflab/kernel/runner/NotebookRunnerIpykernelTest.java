package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.kernel.client.Ipykernel;
import org.perflab.testing.Python;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner against Debian's ipykernel, one fresh kernel per notebook. */
@Python
@Timeout(90)
class NotebookRunnerIpykernelTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void needsPython() {
        Ipykernel.assumePresent();
    }

    @AfterAll
    static void noKernelOutlivesTheTests() {
        Ipykernel.assertNoChildProcesses();
    }

    @Test
    void roundTripRunsEveryCodeCellAndWritesAValidNotebook(@TempDir Path dir) throws Exception {
        Path input = copyResource("roundtrip.ipynb", dir);
        Path output = dir.resolve("out/roundtrip.ipynb");

        NotebookResult result = runner(Duration.ofSeconds(30)).run(input, NotebookOutput.toFile(output));

        assertTrue(result.succeeded(), result + "\n" + log);
        assertEquals(5, result.codeCells());
        assertEquals(4, result.cellsRun(), "the blank cell is not sent");
        assertTrue(result.wallTime().compareTo(result.kernelStartup()) > 0);
        JsonObject notebook = JsonParser.parseString(Files.readString(output)).getAsJsonObject();
        JsonArray cells = notebook.getAsJsonArray("cells");

        JsonObject prints = cells.get(1).getAsJsonObject();
        assertEquals(1, prints.get("execution_count").getAsInt());
        JsonObject printsMetadata = prints.getAsJsonObject("metadata");
        assertEquals(json("{\"keep\":true}"), printsMetadata.get("perflab"), "the cell's own metadata stays");
        JsonObject execution = printsMetadata.getAsJsonObject("execution");
        java.time.Instant busy = java.time.Instant.parse(execution.get("iopub.status.busy").getAsString());
        java.time.Instant idle = java.time.Instant.parse(execution.get("iopub.status.idle").getAsString());
        assertTrue(!idle.isBefore(busy), "the cell's run is recorded as nbclient records it: " + execution);
        assertEquals(json("[{\"name\":\"stdout\",\"output_type\":\"stream\",\"text\":[\"hello\\n\",\"world\\n\"]},"
                + "{\"name\":\"stderr\",\"output_type\":\"stream\",\"text\":[\"oops\\n\"]}]"), prints.get("outputs"));
        assertEquals(json("[{\"data\":{\"text/plain\":[\"42\"]},\"execution_count\":2,\"metadata\":{},"
                + "\"output_type\":\"execute_result\"}]"), cells.get(2).getAsJsonObject().get("outputs"));
        assertEquals(json("[{\"data\":{\"text/plain\":[\"second\\n\",\"line two\"]},\"metadata\":{},"
                        + "\"output_type\":\"display_data\"}]"), cells.get(3).getAsJsonObject().get("outputs"),
                "a later cell's update_display_data rewrote this cell's display");
        assertEquals(json("[{\"data\":{\"application/json\":{\"p99_ms\":12.5,\"series\":[1,2,3]},"
                        + "\"text/plain\":[\"json payload\"]},\"metadata\":{},\"output_type\":\"display_data\"}]"),
                cells.get(4).getAsJsonObject().get("outputs"));
        JsonObject blank = cells.get(5).getAsJsonObject();
        assertTrue(blank.get("execution_count").isJsonNull());
        assertTrue(blank.getAsJsonArray("outputs").isEmpty());

        assertEquals(json("{\"tags\":[\"intro\"]}"), cells.get(0).getAsJsonObject().get("metadata"));
        assertEquals(json("[\"# Round trip\\n\",\"A markdown cell with ünïcödé and a tab\\tthat must survive "
                + "untouched.\\n\",\"\\n\",\"Last line without newline\"]"), cells.get(0).getAsJsonObject().get("source"));
        assertEquals(json("{\"format\":\"text/plain\"}"), cells.get(6).getAsJsonObject().get("metadata"));

        JsonObject metadata = notebook.getAsJsonObject("metadata");
        assertEquals(json("{\"display_name\":\"Java (PerfLab)\",\"language\":\"java\",\"name\":\"perflab-java\"}"),
                metadata.get("kernelspec"));
        assertEquals("python", metadata.getAsJsonObject("language_info").get("name").getAsString());
        assertEquals(json("{\"chapter\":0,\"note\":\"unknown metadata must survive\"}"), metadata.get("perflab"));
        assertEquals(4, notebook.get("nbformat").getAsInt());
        assertEquals(5, notebook.get("nbformat_minor").getAsInt());

        // Jupyter's own library accepts the file and would write exactly the same bytes.
        String rewritten = Ipykernel.runPython(String.join("\n",
                "import sys, nbformat",
                "nb = nbformat.read(sys.argv[1], as_version=4)",
                "nbformat.validate(nb)",
                "sys.stdout.write(nbformat.writes(nb) + '\\n')"), output.toString());
        assertEquals(Files.readString(output), rewritten);
        assertEquals(NotebookFormatTest.resource("roundtrip.ipynb"), Files.readString(input),
                "the input is untouched when writing elsewhere");
    }

    @Test
    void failingCellStopsTheRunPrintsItAndWritesNothing(@TempDir Path dir) throws Exception {
        Path input = copyResource("failing.ipynb", dir);
        String before = Files.readString(input);

        NotebookResult result = runner(Duration.ofSeconds(30)).run(input, NotebookOutput.inPlace());

        assertFalse(result.succeeded());
        NotebookCellFailure failure = result.cellFailure().orElseThrow();
        assertEquals(NotebookCellFailure.Kind.ERROR, failure.kind());
        assertEquals(1, failure.cellIndex());
        assertEquals("ZeroDivisionError", failure.ename());
        assertEquals(2, result.cellsRun());
        assertEquals(before, Files.readString(input), "a failed run must not overwrite the notebook");
        assertTrue(result.writtenTo().isEmpty());
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("cell 2 of 3 (index 1, id divide) raised ZeroDivisionError"), printed);
        assertTrue(printed.contains("    x / 0"), "the source is printed: " + printed);
        assertTrue(printed.contains("Traceback") || printed.contains("ZeroDivisionError: division by zero"), printed);
        assertFalse(printed.contains("\u001B["), "ANSI codes are stripped: " + printed);
    }

    @Test
    void aCellRaisingNotebookStoppedEndsTheNotebookCleanlyWithItsReason(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("needs-newer.ipynb");
        String cell = "{\"cell_type\":\"code\",\"id\":\"%s\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],\"source\":\"%s\"}";
        Files.writeString(input, "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + String.format(cell, "before", "print('ran')") + ","
                + String.format(cell, "gate", "class NotebookStopped(Exception): pass\\nraise NotebookStopped('needs JDK 21')") + ","
                + String.format(cell, "after", "print('must not run')") + "]}");
        Path output = dir.resolve("needs-newer-out.ipynb");

        NotebookResult result = runner(Duration.ofSeconds(30)).run(input, NotebookOutput.toFile(output));

        assertTrue(result.succeeded(), result + "\n" + log);
        assertEquals("needs JDK 21", result.stoppedBecause().orElseThrow());
        assertEquals("stopped: needs JDK 21", result.outcome());
        assertEquals(2, result.cellsRun(), "cells after the stop do not run");
        JsonArray cells = JsonParser.parseString(Files.readString(output)).getAsJsonObject().getAsJsonArray("cells");
        assertEquals("error", cells.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject()
                .get("output_type").getAsString(), "the reader sees why it stopped");
        assertTrue(cells.get(2).getAsJsonObject().getAsJsonArray("outputs").isEmpty());
    }

    @Test
    void partialResultsAreWrittenOnRequestWithLaterCellsCleared(@TempDir Path dir) throws Exception {
        Path input = copyResource("failing.ipynb", dir);
        Path output = dir.resolve("partial.ipynb");

        NotebookResult result = runner(Duration.ofSeconds(30))
                .run(input, NotebookOutput.toFile(output).withPartialResults());

        assertFalse(result.succeeded());
        assertEquals(output, result.writtenTo().orElseThrow());
        JsonArray cells = JsonParser.parseString(Files.readString(output)).getAsJsonObject().getAsJsonArray("cells");
        assertEquals("error", cells.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject()
                .get("output_type").getAsString());
        JsonObject neverRun = cells.get(2).getAsJsonObject();
        assertTrue(neverRun.getAsJsonArray("outputs").isEmpty(), "stale outputs of cells that did not run are cleared");
        assertTrue(neverRun.get("execution_count").isJsonNull());
        Ipykernel.runPython("import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
                output.toString());
    }

    @Test
    void cellOverItsTimeoutIsInterruptedAndRecorded(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("slow.ipynb");
        Files.writeString(input, "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + "{\"cell_type\":\"code\",\"id\":\"sleepy\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                + "\"source\":\"import time; time.sleep(30)\"}]}");
        Path output = dir.resolve("slow-out.ipynb");
        long start = System.nanoTime();

        NotebookResult result = runner(Duration.ofSeconds(2)).run(input, NotebookOutput.toFile(output).withPartialResults());

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 20_000, "timeout, interrupt and shutdown took " + elapsedMs + " ms");
        NotebookCellFailure failure = result.cellFailure().orElseThrow();
        assertEquals(NotebookCellFailure.Kind.TIMEOUT, failure.kind());
        assertTrue(failure.evalue().contains("within 2 s; sent interrupt_request"), failure.evalue());
        String written = Files.readString(output);
        assertTrue(written.contains("CellTimeoutError"), written);
        assertTrue(written.contains("KeyboardInterrupt"), "the kernel's own report of the interrupt is kept: " + written);
    }

    @Test
    void verdictPredicateFailsANotebookThatPrintsAFailLine(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("verdict.ipynb");
        Files.writeString(input, "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + "{\"cell_type\":\"code\",\"id\":\"check\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                + "\"source\":\"print('PASS p50 within budget')\\nprint('FAIL p99 12.5 ms > 10 ms')\"}]}");

        NotebookResult withVerdict = NotebookRunner.builder()
                .kernelCommand(Ipykernel.command())
                .cellTimeout(Duration.ofSeconds(30))
                .failOn(NotebookRunner.LINE_STARTS_WITH_FAIL)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build()
                .run(input, NotebookOutput.none());

        NotebookCellFailure failure = withVerdict.cellFailure().orElseThrow();
        assertEquals(NotebookCellFailure.Kind.VERDICT, failure.kind());
        assertEquals("FAIL p99 12.5 ms > 10 ms", failure.evalue());
    }

    private NotebookRunner runner(Duration cellTimeout) {
        return NotebookRunner.builder()
                .kernelCommand(Ipykernel.command())
                .startupTimeout(Ipykernel.STARTUP_TIMEOUT)
                .cellTimeout(cellTimeout)
                .interruptGrace(Duration.ofSeconds(5))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build();
    }

    static Path copyResource(String name, Path dir) throws Exception {
        Path target = dir.resolve(name);
        Files.writeString(target, NotebookFormatTest.resource(name));
        return target;
    }

    private static com.google.gson.JsonElement json(String text) {
        return JsonParser.parseString(text);
    }
}
