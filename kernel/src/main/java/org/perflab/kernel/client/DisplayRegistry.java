package org.perflab.kernel.client;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which outputs show which display_id, across all executions of one client (one notebook
 * session), because update_display_data may update a display made by an earlier cell.
 */
final class DisplayRegistry {

    private final Map<String, List<JsonObject>> outputsByDisplayId = new HashMap<>();

    synchronized void register(String displayId, JsonObject output) {
        outputsByDisplayId.computeIfAbsent(displayId, id -> new ArrayList<>()).add(output);
    }

    /**
     * Replaces data and metadata of every output showing {@code displayId}, in place, so results
     * already returned to callers show the update too.
     *
     * @return how many outputs were updated; 0 when the id is unknown (the spec says to ignore it)
     */
    synchronized int update(String displayId, JsonObject data, JsonObject metadata) {
        List<JsonObject> outputs = outputsByDisplayId.getOrDefault(displayId, List.of());
        for (JsonObject output : outputs) {
            output.add("data", data.deepCopy());
            output.add("metadata", metadata.deepCopy());
        }
        return outputs.size();
    }

    /** Forgets outputs that were cleared, so a later update cannot resurrect them. */
    synchronized void forget(List<JsonObject> cleared) {
        for (List<JsonObject> outputs : outputsByDisplayId.values()) {
            outputs.removeIf(output -> cleared.stream().anyMatch(gone -> gone == output));
        }
        outputsByDisplayId.values().removeIf(List::isEmpty);
    }
}
