package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputCollectorTest {

    private final DisplayRegistry displays = new DisplayRegistry();

    @Test
    void consecutiveStreamsOfTheSameNameMergeAndOthersDoNot() {
        OutputCollector collector = new OutputCollector(displays);

        collector.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"a\\n\"}"));
        collector.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"b\\n\"}"));
        collector.accept(message("stream", "{\"name\":\"stderr\",\"text\":\"warn\\n\"}"));
        collector.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"c\\n\"}"));

        assertEquals(List.of(
                json("{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"a\\nb\\n\"}"),
                json("{\"output_type\":\"stream\",\"name\":\"stderr\",\"text\":\"warn\\n\"}"),
                json("{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"c\\n\"}")), collector.outputs());
    }

    @Test
    void displayAndResultOutputsHaveNbformatShapeWithoutTransient() {
        OutputCollector collector = new OutputCollector(displays);

        collector.accept(message("display_data", "{\"data\":{\"application/json\":{\"a\":[1,2]},\"text/plain\":\"x\"},"
                + "\"metadata\":{},\"transient\":{\"display_id\":\"d1\"}}"));
        collector.accept(message("execute_result", "{\"execution_count\":3,\"data\":{\"text/plain\":\"42\"},\"metadata\":{}}"));
        collector.accept(message("error", "{\"ename\":\"E\",\"evalue\":\"v\",\"traceback\":[\"t1\",\"t2\"]}"));

        assertEquals(json("{\"output_type\":\"display_data\",\"data\":{\"application/json\":{\"a\":[1,2]},"
                + "\"text/plain\":\"x\"},\"metadata\":{}}"), collector.outputs().get(0));
        assertEquals(json("{\"output_type\":\"execute_result\",\"data\":{\"text/plain\":\"42\"},\"metadata\":{},"
                + "\"execution_count\":3}"), collector.outputs().get(1));
        assertEquals(json("{\"output_type\":\"error\",\"ename\":\"E\",\"evalue\":\"v\",\"traceback\":[\"t1\",\"t2\"]}"),
                collector.outputs().get(2));
    }

    @Test
    void updateDisplayDataRewritesEarlierOutputsEvenOfAnotherExecution() {
        OutputCollector firstCell = new OutputCollector(displays);
        firstCell.accept(message("display_data",
                "{\"data\":{\"text/plain\":\"0%\"},\"metadata\":{},\"transient\":{\"display_id\":\"progress\"}}"));
        firstCell.accept(message("display_data",
                "{\"data\":{\"text/plain\":\"other\"},\"metadata\":{},\"transient\":{\"display_id\":\"other\"}}"));
        OutputCollector secondCell = new OutputCollector(displays);

        secondCell.accept(message("update_display_data",
                "{\"data\":{\"text/plain\":\"100%\"},\"metadata\":{\"done\":true},\"transient\":{\"display_id\":\"progress\"}}"));

        assertEquals("100%", firstCell.outputs().get(0).getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(firstCell.outputs().get(0).getAsJsonObject("metadata").get("done").getAsBoolean());
        assertEquals("other", firstCell.outputs().get(1).getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(secondCell.outputs().isEmpty(), "an update adds no output of its own");
    }

    @Test
    void clearOutputEmptiesAtOnceOrJustBeforeTheNextOutputWhenWaiting() {
        OutputCollector now = new OutputCollector(displays);
        now.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"old\"}"));
        now.accept(message("clear_output", "{\"wait\":false}"));
        assertTrue(now.outputs().isEmpty());

        OutputCollector waiting = new OutputCollector(displays);
        waiting.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"old\"}"));
        waiting.accept(message("clear_output", "{\"wait\":true}"));
        assertEquals(1, waiting.outputs().size(), "wait=true keeps the old output until something replaces it");
        waiting.accept(message("stream", "{\"name\":\"stdout\",\"text\":\"new\"}"));
        assertEquals(List.of(json("{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"new\"}")),
                waiting.outputs());
    }

    @Test
    void clearedDisplaysAreNoLongerUpdated() {
        OutputCollector collector = new OutputCollector(displays);
        collector.accept(message("display_data",
                "{\"data\":{\"text/plain\":\"a\"},\"metadata\":{},\"transient\":{\"display_id\":\"d\"}}"));
        JsonObject cleared = collector.outputs().get(0);
        collector.accept(message("clear_output", "{\"wait\":false}"));

        assertEquals(0, displays.update("d", json("{\"text/plain\":\"b\"}"), new JsonObject()));
        assertEquals("a", cleared.getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void idleStatusIsNoticed() {
        OutputCollector collector = new OutputCollector(displays);
        collector.accept(message("status", "{\"execution_state\":\"busy\"}"));
        assertFalse(collector.sawIdle());
        collector.accept(message("status", "{\"execution_state\":\"idle\"}"));
        assertTrue(collector.sawIdle());
    }

    static JupyterMessage message(String type, String content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_type", type);
        header.addProperty("msg_id", type + "-" + System.nanoTime());
        return new JupyterMessage(Channel.IOPUB, List.of(), header, new JsonObject(), new JsonObject(), json(content),
                List.of(), System.nanoTime());
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
