package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** history_request answers: tail, range, glob search, unique, with and without outputs. */
class SessionHistoryTest {

    private final SessionHistory history = new SessionHistory();

    @BeforeEach
    void session() {
        history.add(1, "int a = 1;", null);
        history.add(2, "a + 1", null);
        history.setOutput(2, "2");
        history.add(3, "System.out.println(a);", null);
        history.add(4, "a + 1", null);
        history.add(5, "String s = \"*?\";", null);
    }

    private JsonArray answer(String request) {
        return history.answer(JsonParser.parseString(request).getAsJsonObject());
    }

    private static JsonArray rows(String json) {
        return JsonParser.parseString(json).getAsJsonArray();
    }

    @Test
    void tailIsTheLastNInputs() {
        assertEquals(rows("[[1, 4, \"a + 1\"], [1, 5, \"String s = \\\"*?\\\";\"]]"),
                answer("{\"hist_access_type\": \"tail\", \"n\": 2}"));
    }

    @Test
    void tailDefaultsToTenAndNeverMoreThanThereIs() {
        assertEquals(5, answer("{}").size());
        assertEquals(0, answer("{\"hist_access_type\": \"tail\", \"n\": 0}").size());
    }

    @Test
    void outputsComeAsPairsWithNullForNone() {
        assertEquals(rows("[[1, 2, [\"a + 1\", \"2\"]], [1, 3, [\"System.out.println(a);\", null]]]"),
                answer("{\"hist_access_type\": \"range\", \"start\": 2, \"stop\": 4, \"output\": true}"));
    }

    @Test
    void rangeIsStartInclusiveStopExclusiveInThisSession() {
        assertEquals(rows("[[1, 2, \"a + 1\"], [1, 3, \"System.out.println(a);\"]]"),
                answer("{\"hist_access_type\": \"range\", \"session\": 1, \"start\": 2, \"stop\": 4}"));
        assertEquals(3, answer("{\"hist_access_type\": \"range\", \"session\": 0, \"start\": 3}").size(),
                "session 0 is the current one");
        assertEquals(0, answer("{\"hist_access_type\": \"range\", \"session\": 7}").size(), "no other session is kept");
    }

    @Test
    void searchMatchesGlobsOverTheWholeInput() {
        assertEquals(rows("[[1, 2, \"a + 1\"], [1, 4, \"a + 1\"]]"),
                answer("{\"hist_access_type\": \"search\", \"pattern\": \"a + ?\"}"));
        assertEquals(2, answer("{\"hist_access_type\": \"search\", \"pattern\": \"*a*;\"}").size());
        assertEquals(0, answer("{\"hist_access_type\": \"search\", \"pattern\": \"a\"}").size(),
                "a pattern without wildcards matches the whole input only");
    }

    @Test
    void searchTreatsRegexCharactersLiterally() {
        assertEquals(rows("[[1, 3, \"System.out.println(a);\"]]"),
                answer("{\"hist_access_type\": \"search\", \"pattern\": \"System.out.println(*);\"}"));
        assertEquals(0, answer("{\"hist_access_type\": \"search\", \"pattern\": \"System.out.println[(]a[)];\"}").size());
    }

    @Test
    void searchUniqueKeepsTheLastOfEachInput() {
        JsonArray unique = answer("{\"hist_access_type\": \"search\", \"pattern\": \"*\", \"unique\": true}");
        assertEquals(4, unique.size());
        assertEquals(rows("[1, 4, \"a + 1\"]"), unique.get(2), "the repeated input appears once, at its last line");
    }

    @Test
    void searchNKeepsTheLastMatches() {
        assertEquals(rows("[[1, 5, \"String s = \\\"*?\\\";\"]]"),
                answer("{\"hist_access_type\": \"search\", \"pattern\": \"*\", \"n\": 1}"));
    }

    @Test
    void globMatchesAcrossLines() {
        history.add(6, "int x = 1;\nint y = 2;", null);
        assertTrue(SessionHistory.globToRegex("int x*y = 2;").matcher("int x = 1;\nint y = 2;").matches());
        assertEquals(1, answer("{\"hist_access_type\": \"search\", \"pattern\": \"*\\nint y*\"}").size());
    }

    @Test
    void setOutputChangesTheLatestEntryOfThatLine() {
        history.setOutput(4, "2");
        JsonObject request = JsonParser.parseString("{\"hist_access_type\": \"tail\", \"n\": 2, \"output\": true}")
                .getAsJsonObject();
        assertEquals(rows("[[1, 4, [\"a + 1\", \"2\"]], [1, 5, [\"String s = \\\"*?\\\";\", null]]]"),
                history.answer(request));
    }
}
