package org.perflab.kernel.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.stream.Stream;

/** The text a reader sees in a cell's outputs: stream text and the text/plain of results and displays. */
final class OutputText {

    private OutputText() {
    }

    /** The lines of every output, in order. */
    static Stream<String> lines(List<JsonObject> outputs) {
        return outputs.stream().flatMap(output -> of(output).lines());
    }

    static String of(JsonObject output) {
        if ("stream".equals(string(output, "output_type"))) {
            return string(output, "text");
        }
        JsonElement data = output.get("data");
        if (data != null && data.isJsonObject()) {
            return string(data.getAsJsonObject(), "text/plain");
        }
        return "";
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return "";
        }
        return value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }
}
