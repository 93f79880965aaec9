package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookFormatTest {

    @Test
    void readingJoinsLinesAndUpgradesTo45WithValidUniqueIds() throws Exception {
        Notebook notebook = Notebook.parse(resource("roundtrip.ipynb"), "roundtrip.ipynb", new Random(1));

        assertEquals(4, notebook.nbformat());
        assertEquals(5, notebook.nbformatMinor());
        assertEquals("import sys\nprint('hello')\nprint('oops', file=sys.stderr)\nprint('world')",
                notebook.cells().get(1).source());
        Set<String> ids = new HashSet<>();
        for (NotebookCell cell : notebook.cells()) {
            assertTrue(NotebookCellIds.isValid(cell.id()), cell.id());
            assertTrue(ids.add(cell.id()), "duplicate id " + cell.id());
        }
        assertEquals("stale output from an old run\n",
                notebook.cells().get(1).json().getAsJsonArray("outputs").get(0).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void malformedAndDuplicateIdsAreReplacedAndTheFirstHolderKeepsItsId() {
        Notebook notebook = Notebook.parse(notebookWithCells(
                "{\"cell_type\":\"raw\",\"id\":\"keep-me\",\"metadata\":{},\"source\":\"\"}",
                "{\"cell_type\":\"raw\",\"id\":\"keep-me\",\"metadata\":{},\"source\":\"\"}",
                "{\"cell_type\":\"raw\",\"id\":\"has space\",\"metadata\":{},\"source\":\"\"}",
                "{\"cell_type\":\"raw\",\"id\":\"" + "x".repeat(65) + "\",\"metadata\":{},\"source\":\"\"}"), "t");

        assertEquals("keep-me", notebook.cells().get(0).id());
        for (NotebookCell cell : notebook.cells().subList(1, 4)) {
            assertTrue(cell.id().matches("[0-9a-f]{8}"), cell.id());
        }
    }

    @Test
    void writingUsesJupytersLayout() {
        Notebook notebook = Notebook.parse(notebookWithCells(
                "{\"cell_type\":\"code\",\"id\":\"c1\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                        + "\"source\":\"a = 1\\nb = 2\\n\"}"), "t");

        String text = notebook.toJupyterJson();

        assertEquals(String.join("\n",
                "{",
                " \"cells\": [",
                "  {",
                "   \"cell_type\": \"code\",",
                "   \"execution_count\": null,",
                "   \"id\": \"c1\",",
                "   \"metadata\": {},",
                "   \"outputs\": [],",
                "   \"source\": [",
                "    \"a = 1\\n\",",
                "    \"b = 2\\n\"",
                "   ]",
                "  }",
                " ],",
                " \"metadata\": {},",
                " \"nbformat\": 4,",
                " \"nbformat_minor\": 5",
                "}",
                ""), text);
    }

    @Test
    void outputsAreWrittenAsJupyterStoresThem() {
        Notebook notebook = Notebook.parse(notebookWithCells(
                "{\"cell_type\":\"code\",\"id\":\"c1\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                        + "\"source\":\"\"}"), "t");
        JsonObject stream = json("{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"one\\ntwo\"}");
        JsonObject display = json("{\"output_type\":\"display_data\",\"metadata\":{},\"data\":{"
                + "\"text/plain\":\"x\\ny\",\"text/html\":\"<b>\\n</b>\",\"image/png\":\"iVBOR\\nw0KG\","
                + "\"application/json\":{\"k\":[1,2]},\"application/vnd.plotly.v1+json\":{\"data\":[]}}}");

        notebook.cells().get(0).replaceOutputs(List.of(stream, display), OptionalInt.of(3));
        JsonObject written = json(notebook.toJupyterJson());

        JsonObject cell = written.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertEquals(3, cell.get("execution_count").getAsInt());
        JsonArray outputs = cell.getAsJsonArray("outputs");
        assertEquals(lines("one\n", "two"), outputs.get(0).getAsJsonObject().get("text"));
        JsonObject data = outputs.get(1).getAsJsonObject().getAsJsonObject("data");
        assertEquals(lines("x\n", "y"), data.get("text/plain"));
        assertEquals(lines("<b>\n", "</b>"), data.get("text/html"));
        assertEquals("iVBOR\nw0KG", data.get("image/png").getAsString(), "base64 images stay one string");
        assertEquals(json("{\"k\":[1,2]}"), data.get("application/json"));
        assertEquals(json("{\"data\":[]}"), data.get("application/vnd.plotly.v1+json"));
    }

    @Test
    void unknownFieldsSurviveAndTransientOnesAreDropped() {
        Notebook notebook = Notebook.parse("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{"
                + "\"orig_nbformat\":3,\"signature\":\"sha256:x\",\"widgets\":{\"state\":{}},\"perflab\":{\"n\":1}},"
                + "\"cells\":[{\"cell_type\":\"markdown\",\"id\":\"m\",\"metadata\":{\"trusted\":true,\"tags\":[\"a\"]},"
                + "\"source\":\"# T\",\"attachments\":{\"a.png\":{\"image/png\":\"AAAA\"}}}]}", "t");

        JsonObject written = json(notebook.toJupyterJson());

        JsonObject metadata = written.getAsJsonObject("metadata");
        assertFalse(metadata.has("orig_nbformat"));
        assertFalse(metadata.has("signature"));
        assertEquals(json("{\"n\":1}"), metadata.get("perflab"));
        assertEquals(json("{\"state\":{}}"), metadata.get("widgets"));
        JsonObject cell = written.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertEquals(json("{\"tags\":[\"a\"]}"), cell.get("metadata"));
        assertEquals(json("{\"a.png\":{\"image/png\":\"AAAA\"}}"), cell.get("attachments"));
    }

    @Test
    void readThenWriteThenReadIsStable(@TempDir Path dir) throws Exception {
        Notebook first = Notebook.parse(resource("roundtrip.ipynb"), "roundtrip.ipynb");
        Path file = dir.resolve("copy.ipynb");
        first.write(file);
        String once = Files.readString(file);

        Notebook.read(file).write(file);

        assertEquals(once, Files.readString(file));
        assertTrue(once.endsWith("}\n"));
        assertTrue(once.contains("ünïcödé"), "non-ASCII is written as itself, not escaped");
    }

    @Test
    void linesSplitLikePythonSplitlines() {
        assertEquals(List.of("a\n", "b\r\n", "c\r", "d"), PythonLines.splitKeepingEnds("a\nb\r\nc\rd"));
        assertEquals(List.of("x\u000B", "y\u2028", "z"), PythonLines.splitKeepingEnds("x\u000By\u2028z"));
        assertEquals(List.of(), PythonLines.splitKeepingEnds(""));
        assertEquals(List.of("\n", "\n"), PythonLines.splitKeepingEnds("\n\n"));
    }

    @Test
    void stringsAreEscapedLikePythonJsonWithoutAsciiEscapes() {
        JsonObject value = new JsonObject();
        value.addProperty("s", "quote\" back\\ tab\t bell\u0007 é \u2028");

        assertEquals("{\n \"s\": \"quote\\\" back\\\\ tab\\t bell\\u0007 é \u2028\"\n}",
                JupyterJsonWriter.write(value));
    }

    @Test
    void nonNotebooksAreRejectedWithWhatToDo() {
        NotebookFormatException v3 = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{\"nbformat\":3,\"worksheets\":[]}", "old.ipynb"));
        assertTrue(v3.getMessage().contains("nbconvert"), v3.getMessage());
        NotebookFormatException notJson = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{not json", "broken.ipynb"));
        assertTrue(notJson.getMessage().startsWith("broken.ipynb"), notJson.getMessage());
    }

    static String resource(String name) throws Exception {
        try (var in = NotebookFormatTest.class.getResourceAsStream("/notebooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String notebookWithCells(String... cells) {
        return "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[" + String.join(",", cells) + "]}";
    }

    private static JsonArray lines(String... lines) {
        JsonArray array = new JsonArray();
        for (String line : lines) {
            array.add(line);
        }
        return array;
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
