package org.perflab.kernel.runner;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictCountsTest {

    @Test
    void countsVerdictLinesOfStreamsAndDisplaysByTheirFirstWord() {
        List<JsonObject> outputs = List.of(
                stream("PASS mean (ms): measured 4.02\nsome text mentioning FAIL \nINCONCLUSIVE p99 (ms): measured 9\n"),
                display("FAIL p99.9 (ms): measured 80\nPASS again"),
                stream("PASSED is no verdict\nINCONCLUSIVE\n"));

        assertEquals(new VerdictCounts(2, 1, 1), VerdictCounts.in(outputs));
    }

    @Test
    void onlyAFailLineFailsANotebook() {
        assertTrue(NotebookRunner.LINE_STARTS_WITH_FAIL.test("FAIL p99 (ms): measured 80"));
        assertFalse(NotebookRunner.LINE_STARTS_WITH_FAIL.test("INCONCLUSIVE p99 (ms): measured 9, interval 7 to 11"));
        assertFalse(NotebookRunner.LINE_STARTS_WITH_FAIL.test("PASS p99 (ms): measured 4"));
    }

    private static JsonObject stream(String text) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "stream");
        output.addProperty("name", "stdout");
        output.addProperty("text", text);
        return output;
    }

    private static JsonObject display(String text) {
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", text);
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "display_data");
        output.add("data", data);
        return output;
    }
}
