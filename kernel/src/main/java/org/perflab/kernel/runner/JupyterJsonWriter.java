package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Jupyter's nbformat does ({@code json.dumps(nb, indent=1, sort_keys=True,
 * separators=(",", ": "), ensure_ascii=False)}): one-space indentation, keys sorted by code point,
 * non-ASCII characters written as themselves, only control characters escaped.
 *
 * <p>Numbers are written as they were read (Gson keeps the lexeme), so a float that Python would
 * re-format, such as {@code 1E5}, keeps its original spelling.
 */
final class JupyterJsonWriter {

    private static final String INDENT = " ";
    /**
     * Python sorts str keys by code point; String.compareTo sorts by UTF-16 unit, which differs
     * for characters outside the Basic Multilingual Plane.
     */
    private static final Comparator<String> BY_CODE_POINT = JupyterJsonWriter::compareCodePoints;

    private JupyterJsonWriter() {
    }

    static String write(JsonElement element) {
        StringBuilder out = new StringBuilder();
        writeValue(element, 0, out);
        return out.toString();
    }

    private static void writeValue(JsonElement element, int depth, StringBuilder out) {
        if (element == null || element.isJsonNull()) {
            out.append("null");
        } else if (element.isJsonObject()) {
            writeObject(element.getAsJsonObject(), depth, out);
        } else if (element.isJsonArray()) {
            writeArray(element.getAsJsonArray(), depth, out);
        } else {
            writePrimitive(element.getAsJsonPrimitive(), out);
        }
    }

    private static void writeObject(JsonObject object, int depth, StringBuilder out) {
        if (object.size() == 0) {
            out.append("{}");
            return;
        }
        List<Map.Entry<String, JsonElement>> entries = new ArrayList<>(object.entrySet());
        entries.sort(Map.Entry.comparingByKey(BY_CODE_POINT));
        out.append("{");
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(depth + 1, out);
            writeString(entries.get(i).getKey(), out);
            out.append(": ");
            writeValue(entries.get(i).getValue(), depth + 1, out);
        }
        out.append("\n");
        indent(depth, out);
        out.append("}");
    }

    private static void writeArray(JsonArray array, int depth, StringBuilder out) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[");
        for (int i = 0; i < array.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(depth + 1, out);
            writeValue(array.get(i), depth + 1, out);
        }
        out.append("\n");
        indent(depth, out);
        out.append("]");
    }

    private static void writePrimitive(JsonPrimitive primitive, StringBuilder out) {
        if (primitive.isString()) {
            writeString(primitive.getAsString(), out);
        } else if (primitive.isBoolean()) {
            out.append(primitive.getAsBoolean() ? "true" : "false");
        } else {
            out.append(primitive.getAsNumber().toString());
        }
    }

    /** Python's json escaping with ensure_ascii=False: quote, backslash and C0 controls only. */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(int depth, StringBuilder out) {
        out.append(INDENT.repeat(depth));
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
