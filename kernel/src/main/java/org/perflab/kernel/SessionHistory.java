package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel session, answering {@code history_request} for
 * tail, range and search, in the protocol's shape: {@code [session, line, input]} or
 * {@code [session, line, [input, output]]}.
 */
final class SessionHistory {

    /** This kernel keeps one session; frontends may call it 1 or 0 (the current one) or -0. */
    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).line() == line) {
                entries.set(i, new Entry(line, entries.get(i).input(), output));
                return;
            }
        }
    }

    /** Answers a history request's content. */
    synchronized JsonArray answer(JsonObject request) {
        boolean output = bool(request, "output", false);
        String access = string(request, "hist_access_type", "tail");
        List<Entry> chosen;
        switch (access) {
            case "range":
                int session = integer(request, "session", SESSION);
                int start = integer(request, "start", 1);
                int stop = integer(request, "stop", Integer.MAX_VALUE);
                chosen = new ArrayList<>();
                if (session == SESSION || session == 0) {
                    for (Entry e : entries) {
                        if (e.line() >= start && e.line() < stop) {
                            chosen.add(e);
                        }
                    }
                }
                break;
            case "search":
                Pattern glob = globToRegex(string(request, "pattern", "*"));
                List<Entry> matches = new ArrayList<>();
                for (Entry e : entries) {
                    if (glob.matcher(e.input()).matches()) {
                        matches.add(e);
                    }
                }
                if (bool(request, "unique", false)) {
                    Map<String, Entry> lastByInput = new LinkedHashMap<>();
                    for (Entry e : matches) {
                        lastByInput.remove(e.input());
                        lastByInput.put(e.input(), e);
                    }
                    matches = new ArrayList<>(lastByInput.values());
                }
                chosen = last(matches, integer(request, "n", Integer.MAX_VALUE));
                break;
            default:
                chosen = last(entries, integer(request, "n", 10));
        }
        JsonArray history = new JsonArray();
        for (Entry e : chosen) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(e.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(e.input());
                pair.add(e.output() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(e.output()));
                row.add(pair);
            } else {
                row.add(e.input());
            }
            history.add(row);
        }
        return history;
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return new ArrayList<>(list.subList(Math.max(0, list.size() - Math.max(0, n)), list.size()));
    }

    /** IPython's history search uses glob patterns: * and ? are wildcards, anything else is literal. */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsBoolean() : fallback;
    }

    private static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }

    private static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }
}
