package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.OptionalInt;

/** A view of one cell of a {@link Notebook}; changes write through to the notebook's JSON. */
public final class NotebookCell {

    private final JsonObject json;
    private final int index;

    NotebookCell(JsonObject json, int index) {
        this.json = json;
        this.index = index;
    }

    /** Position among all cells, from 0. */
    public int index() {
        return index;
    }

    public String id() {
        return NotebookFormat.stringField(json, "id");
    }

    /** {@code code}, {@code markdown} or {@code raw}. */
    public String type() {
        return NotebookFormat.stringField(json, "cell_type");
    }

    public boolean isCode() {
        return "code".equals(type());
    }

    public String source() {
        String source = NotebookFormat.stringField(json, "source");
        return source == null ? "" : source;
    }

    /** True for a code cell with only whitespace, which Jupyter does not send to the kernel. */
    public boolean isBlank() {
        return source().isBlank();
    }

    /**
     * Replaces outputs and execution_count. The output objects are stored as given, not copied, so
     * a later update_display_data in the same kernel session still reaches them.
     */
    public void replaceOutputs(List<JsonObject> outputs, OptionalInt executionCount) {
        requireCode("replace outputs");
        JsonArray array = new JsonArray();
        outputs.forEach(array::add);
        json.add("outputs", array);
        if (executionCount.isPresent()) {
            json.addProperty("execution_count", executionCount.getAsInt());
        } else {
            json.add("execution_count", JsonNull.INSTANCE);
        }
    }

    /** Empties outputs and execution_count, as for a cell that did not run, and its timing. */
    public void clearOutputs() {
        replaceOutputs(List.of(), OptionalInt.empty());
        metadata().remove("execution");
    }

    /**
     * Records when the cell ran in {@code metadata.execution}, under the keys nbclient and JupyterLab
     * use, so a reader (or a test) can see each cell's time. These are the runner's clock readings
     * around the request, not the kernel's message timestamps: within a millisecond of them.
     */
    public void recordExecution(java.time.Instant started, java.time.Instant finished) {
        requireCode("record execution times");
        JsonObject execution = new JsonObject();
        execution.addProperty("iopub.status.busy", started.toString());
        execution.addProperty("iopub.status.idle", finished.toString());
        execution.addProperty("shell.execute_reply", finished.toString());
        metadata().add("execution", execution);
    }

    /**
     * When the last run started and finished this cell (as {@link #recordExecution} or nbclient wrote
     * it), or empty when it has not run.
     */
    public java.util.Optional<java.time.Instant[]> execution() {
        JsonElement execution = metadata().get("execution");
        if (execution == null || !execution.isJsonObject()) {
            return java.util.Optional.empty();
        }
        JsonObject times = execution.getAsJsonObject();
        JsonElement busy = times.get("iopub.status.busy");
        JsonElement idle = times.get("iopub.status.idle");
        if (busy == null || idle == null || !busy.isJsonPrimitive() || !idle.isJsonPrimitive()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new java.time.Instant[] {
                    java.time.Instant.parse(busy.getAsString()), java.time.Instant.parse(idle.getAsString())});
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private JsonObject metadata() {
        if (!json.has("metadata") || !json.get("metadata").isJsonObject()) {
            json.add("metadata", new JsonObject());
        }
        return json.getAsJsonObject("metadata");
    }

    /** True when the cell's metadata tags include {@code tag} (for example "raises-exception"). */
    public boolean hasTag(String tag) {
        com.google.gson.JsonElement metadata = json.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            return false;
        }
        com.google.gson.JsonElement tags = metadata.getAsJsonObject().get("tags");
        if (tags == null || !tags.isJsonArray()) {
            return false;
        }
        for (com.google.gson.JsonElement t : tags.getAsJsonArray()) {
            if (t.isJsonPrimitive() && tag.equals(t.getAsString())) {
                return true;
            }
        }
        return false;
    }

    public JsonObject json() {
        return json;
    }

    @Override
    public String toString() {
        return type() + " cell " + index + " (id " + id() + ")";
    }

    private void requireCode(String what) {
        if (!isCode()) {
            throw new IllegalStateException("Cannot " + what + " of " + this + "; only code cells have outputs");
        }
    }
}
