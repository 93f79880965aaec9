package org.perflab.kernel.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the iopub messages of one execution into nbformat 4 outputs, the way a notebook front
 * end does: consecutive stream messages of the same name merge into one output;
 * update_display_data rewrites earlier outputs with the same display_id; clear_output empties the
 * list now, or with {@code wait: true} just before the next output arrives.
 */
final class OutputCollector {

    private final DisplayRegistry displays;
    private final List<JsonObject> outputs = new ArrayList<>();
    private boolean clearBeforeNextOutput;
    private boolean idle;

    OutputCollector(DisplayRegistry displays) {
        this.displays = displays;
    }

    void accept(JupyterMessage message) {
        JsonObject content = message.content();
        switch (String.valueOf(message.msgType())) {
            case "stream" -> addStream(content);
            case "display_data" -> addDisplay(content, displayOutput("display_data", content));
            case "execute_result" -> {
                JsonObject output = displayOutput("execute_result", content);
                output.add("execution_count", orNull(content.get("execution_count")));
                addDisplay(content, output);
            }
            case "error" -> add(errorOutput(content));
            case "update_display_data" -> {
                String displayId = displayId(content);
                if (displayId != null) {
                    displays.update(displayId, objectOrEmpty(content, "data"), objectOrEmpty(content, "metadata"));
                }
            }
            case "clear_output" -> clear(content.has("wait") && content.get("wait").getAsBoolean());
            case "status" -> idle |= "idle".equals(message.contentString("execution_state"));
            default -> {
                // execute_input, comm_*, and unknown types carry no output.
            }
        }
    }

    boolean sawIdle() {
        return idle;
    }

    /** The live output list; display outputs in it may still change through later updates. */
    List<JsonObject> outputs() {
        return outputs;
    }

    private void addStream(JsonObject content) {
        String name = JupyterMessage.stringOrNull(content, "name");
        String text = JupyterMessage.stringOrNull(content, "text");
        applyPendingClear();
        if (!outputs.isEmpty()) {
            JsonObject last = outputs.get(outputs.size() - 1);
            if ("stream".equals(JupyterMessage.stringOrNull(last, "output_type"))
                    && String.valueOf(name).equals(JupyterMessage.stringOrNull(last, "name"))) {
                last.addProperty("text", JupyterMessage.stringOrNull(last, "text") + (text == null ? "" : text));
                return;
            }
        }
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "stream");
        output.addProperty("name", name == null ? "stdout" : name);
        output.addProperty("text", text == null ? "" : text);
        outputs.add(output);
    }

    private void addDisplay(JsonObject content, JsonObject output) {
        add(output);
        String displayId = displayId(content);
        if (displayId != null) {
            displays.register(displayId, output);
        }
    }

    private void add(JsonObject output) {
        applyPendingClear();
        outputs.add(output);
    }

    private void clear(boolean wait) {
        if (wait) {
            clearBeforeNextOutput = true;
        } else {
            clearNow();
        }
    }

    private void applyPendingClear() {
        if (clearBeforeNextOutput) {
            clearNow();
        }
    }

    private void clearNow() {
        clearBeforeNextOutput = false;
        displays.forget(outputs);
        outputs.clear();
    }

    /** display_data or execute_result without transient: nbformat forbids transient in a file. */
    private static JsonObject displayOutput(String outputType, JsonObject content) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", outputType);
        output.add("data", objectOrEmpty(content, "data").deepCopy());
        output.add("metadata", objectOrEmpty(content, "metadata").deepCopy());
        return output;
    }

    static JsonObject errorOutput(JsonObject content) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "error");
        output.addProperty("ename", String.valueOf(JupyterMessage.stringOrNull(content, "ename")));
        output.addProperty("evalue", String.valueOf(JupyterMessage.stringOrNull(content, "evalue")));
        JsonElement traceback = content.get("traceback");
        output.add("traceback", traceback != null && traceback.isJsonArray() ? traceback.deepCopy() : new JsonArray());
        return output;
    }

    private static String displayId(JsonObject content) {
        JsonElement transientPart = content.get("transient");
        return transientPart != null && transientPart.isJsonObject()
                ? JupyterMessage.stringOrNull(transientPart.getAsJsonObject(), "display_id")
                : null;
    }

    private static JsonObject objectOrEmpty(JsonObject content, String field) {
        JsonElement value = content.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private static JsonElement orNull(JsonElement value) {
        return value == null ? JsonNull.INSTANCE : value.deepCopy();
    }
}
