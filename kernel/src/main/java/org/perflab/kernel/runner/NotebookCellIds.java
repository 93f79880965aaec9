package org.perflab.kernel.runner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * nbformat 4.5 cell ids: 1 to 64 characters of {@code [a-zA-Z0-9-_]}, unique in the notebook.
 * Missing, malformed and duplicate ids are replaced by 8 random hex digits, as Jupyter does.
 */
final class NotebookCellIds {

    static final Pattern VALID_ID = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final int GENERATED_ID_BYTES = 4;

    private NotebookCellIds() {
    }

    /** @return how many ids were generated */
    static int ensureValidAndUnique(List<JsonObject> cells, RandomGenerator random) {
        Set<String> seen = new HashSet<>();
        int generated = 0;
        for (JsonObject cell : cells) {
            JsonElement id = cell.get("id");
            String value = id != null && id.isJsonPrimitive() ? id.getAsString() : null;
            // The first holder of a duplicate keeps it: links and metadata usually point there.
            if (value != null && VALID_ID.matcher(value).matches() && seen.add(value)) {
                continue;
            }
            String fresh;
            do {
                fresh = randomId(random);
            } while (!seen.add(fresh));
            cell.addProperty("id", fresh);
            generated++;
        }
        return generated;
    }

    static boolean isValid(String id) {
        return id != null && VALID_ID.matcher(id).matches();
    }

    private static String randomId(RandomGenerator random) {
        byte[] bytes = new byte[GENERATED_ID_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
