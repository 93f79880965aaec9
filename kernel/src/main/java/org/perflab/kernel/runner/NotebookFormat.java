package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The nbformat 4 rules for text in a file, in both directions, following Jupyter's
 * {@code nbformat.v4.rwbase}:
 * <ul>
 *   <li>On disk, multi-line text (cell sources, stream text, {@code text/*} mime data, SVG,
 *       JavaScript) is a list of lines; in memory it is one string.</li>
 *   <li>JSON mime data ({@code application/json}, {@code application/*+json}) is never split or
 *       joined: it is a JSON value, not text.</li>
 *   <li>Transient fields ({@code orig_nbformat}, {@code signature}, cell {@code trusted}) are
 *       not written.</li>
 * </ul>
 */
final class NotebookFormat {

    static final int NBFORMAT = 4;
    static final int NBFORMAT_MINOR = 5;

    private NotebookFormat() {
    }

    // ---------------------------------------------------------------- reading

    /** Parses and normalizes a notebook: lines joined, nbformat 4.5 with valid unique cell ids. */
    static JsonObject parse(String text, String origin, RandomGenerator random) {
        JsonObject notebook;
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new NotebookFormatException(origin + " holds JSON " + kind(element)
                        + ", not a notebook object; is it really an .ipynb file?");
            }
            notebook = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new NotebookFormatException(origin + " is not valid JSON (" + e.getMessage()
                    + "); open it in Jupyter or fix it by hand", e);
        }
        int major = intField(notebook, "nbformat", -1);
        if (major != NBFORMAT) {
            throw new NotebookFormatException(origin + " is nbformat " + (major < 0 ? "(missing)" : major)
                    + "; this runner reads nbformat 4. Convert it with: jupyter nbconvert --to notebook --nbformat 4 "
                    + origin);
        }
        JsonElement cells = notebook.get("cells");
        if (cells == null || !cells.isJsonArray()) {
            throw new NotebookFormatException(origin + " has no 'cells' array; an nbformat 4 notebook needs one");
        }
        if (!notebook.has("metadata") || !notebook.get("metadata").isJsonObject()) {
            notebook.add("metadata", new JsonObject());
        }
        List<JsonObject> cellObjects = new ArrayList<>();
        for (int i = 0; i < cells.getAsJsonArray().size(); i++) {
            JsonElement cell = cells.getAsJsonArray().get(i);
            if (!cell.isJsonObject() || !cell.getAsJsonObject().has("cell_type")) {
                throw new NotebookFormatException(origin + ": cell " + i + " is " + kind(cell)
                        + " without a cell_type; each cell must be an object with cell_type code, markdown or raw");
            }
            JsonObject cellObject = cell.getAsJsonObject();
            rejoinCell(cellObject);
            if (!cellObject.has("metadata") || !cellObject.get("metadata").isJsonObject()) {
                cellObject.add("metadata", new JsonObject());
            }
            cellObjects.add(cellObject);
        }
        // Minor versions only add fields; an older 4.x becomes 4.5 by gaining cell ids.
        if (intField(notebook, "nbformat_minor", 0) < NBFORMAT_MINOR) {
            notebook.addProperty("nbformat_minor", NBFORMAT_MINOR);
        }
        NotebookCellIds.ensureValidAndUnique(cellObjects, random);
        return notebook;
    }

    private static void rejoinCell(JsonObject cell) {
        joinIfLines(cell, "source");
        rejoinAttachments(cell);
        if (!"code".equals(stringField(cell, "cell_type"))) {
            return;
        }
        JsonElement outputs = cell.get("outputs");
        if (outputs == null || !outputs.isJsonArray()) {
            return;
        }
        for (JsonElement output : outputs.getAsJsonArray()) {
            if (!output.isJsonObject()) {
                continue;
            }
            JsonObject out = output.getAsJsonObject();
            if (hasMimeBundle(out)) {
                rejoinMimeBundle(out.get("data"));
            } else {
                joinIfLines(out, "text");
            }
        }
    }

    private static void rejoinAttachments(JsonObject cell) {
        JsonElement attachments = cell.get("attachments");
        if (attachments != null && attachments.isJsonObject()) {
            for (Map.Entry<String, JsonElement> attachment : attachments.getAsJsonObject().entrySet()) {
                rejoinMimeBundle(attachment.getValue());
            }
        }
    }

    private static void rejoinMimeBundle(JsonElement bundle) {
        if (bundle == null || !bundle.isJsonObject()) {
            return;
        }
        for (Map.Entry<String, JsonElement> entry : bundle.getAsJsonObject().entrySet()) {
            if (!isJsonMime(entry.getKey()) && isListOfStrings(entry.getValue())) {
                entry.setValue(new JsonPrimitive(join(entry.getValue().getAsJsonArray())));
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** The file text of a notebook: lines split, transient fields dropped, Jupyter's JSON layout, final newline. */
    static String format(JsonObject notebook) {
        JsonObject copy = notebook.deepCopy();
        JsonObject metadata = copy.getAsJsonObject("metadata");
        if (metadata != null) {
            metadata.remove("orig_nbformat");
            metadata.remove("orig_nbformat_minor");
            metadata.remove("signature");
        }
        for (JsonElement cell : copy.getAsJsonArray("cells")) {
            splitCell(cell.getAsJsonObject());
        }
        return JupyterJsonWriter.write(copy) + "\n";
    }

    private static void splitCell(JsonObject cell) {
        JsonElement cellMetadata = cell.get("metadata");
        if (cellMetadata != null && cellMetadata.isJsonObject()) {
            cellMetadata.getAsJsonObject().remove("trusted");
        }
        splitIfString(cell, "source");
        JsonElement attachments = cell.get("attachments");
        if (attachments != null && attachments.isJsonObject()) {
            for (Map.Entry<String, JsonElement> attachment : attachments.getAsJsonObject().entrySet()) {
                splitMimeBundle(attachment.getValue());
            }
        }
        JsonElement outputs = cell.get("outputs");
        if (!"code".equals(stringField(cell, "cell_type")) || outputs == null || !outputs.isJsonArray()) {
            return;
        }
        for (JsonElement output : outputs.getAsJsonArray()) {
            JsonObject out = output.getAsJsonObject();
            if (hasMimeBundle(out)) {
                splitMimeBundle(out.get("data"));
            } else if ("stream".equals(stringField(out, "output_type"))) {
                splitIfString(out, "text");
            }
        }
    }

    private static void splitMimeBundle(JsonElement bundle) {
        if (bundle == null || !bundle.isJsonObject()) {
            return;
        }
        for (Map.Entry<String, JsonElement> entry : bundle.getAsJsonObject().entrySet()) {
            if (isString(entry.getValue()) && isSplitMime(entry.getKey())) {
                entry.setValue(lines(entry.getValue().getAsString()));
            }
        }
    }

    // ---------------------------------------------------------------- rules

    /** JSON mime types hold JSON values, never text to split or join. */
    static boolean isJsonMime(String mime) {
        return "application/json".equals(mime) || (mime.startsWith("application/") && mime.endsWith("+json"));
    }

    /** Text worth diffing line by line; base64 images stay one string. */
    static boolean isSplitMime(String mime) {
        return mime.startsWith("text/") || "application/javascript".equals(mime) || "image/svg+xml".equals(mime);
    }

    static JsonArray lines(String text) {
        JsonArray array = new JsonArray();
        for (String line : PythonLines.splitKeepingEnds(text)) {
            array.add(line);
        }
        return array;
    }

    private static boolean hasMimeBundle(JsonObject output) {
        String type = stringField(output, "output_type");
        return "execute_result".equals(type) || "display_data".equals(type);
    }

    private static void joinIfLines(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (isListOfStrings(value)) {
            object.addProperty(field, join(value.getAsJsonArray()));
        }
    }

    private static void splitIfString(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (isString(value)) {
            object.add(field, lines(value.getAsString()));
        }
    }

    private static boolean isListOfStrings(JsonElement value) {
        if (value == null || !value.isJsonArray()) {
            return false;
        }
        for (JsonElement item : value.getAsJsonArray()) {
            if (!isString(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isString(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    private static String join(JsonArray lines) {
        StringBuilder text = new StringBuilder();
        for (JsonElement line : lines) {
            text.append(line.getAsString());
        }
        return text.toString();
    }

    static String stringField(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return isString(value) ? value.getAsString() : null;
    }

    private static int intField(JsonObject object, String field, int fallback) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                ? value.getAsInt() : fallback;
    }

    private static String kind(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "null";
        }
        return element.isJsonArray() ? "an array" : element.isJsonObject() ? "an object" : "a " + element;
    }
}
