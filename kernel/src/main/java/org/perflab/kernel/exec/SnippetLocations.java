package org.perflab.kernel.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers where each JShell snippet came from (which cell, which line of it, its text), so
 * compile errors and stack traces point at the cell the user wrote instead of at "#23".
 */
final class SnippetLocations {

    /** A snippet's origin: the execution count of its cell, the cell line it starts on, its source. */
    record Origin(int cell, int firstLine, String source) {
        /** The cell line of a 1-based line inside the snippet. */
        int cellLine(int snippetLine) {
            return firstLine + snippetLine - 1;
        }

        /** The text of a 1-based line inside the snippet, or an empty string. */
        String sourceLine(int snippetLine) {
            String[] lines = source.split("\\R", -1);
            return snippetLine >= 1 && snippetLine <= lines.length ? lines[snippetLine - 1] : "";
        }
    }

    private final Map<String, Origin> byId = new ConcurrentHashMap<>();

    void remember(String snippetId, Origin origin) {
        byId.put(snippetId, origin);
    }

    Origin find(String snippetId) {
        return byId.get(snippetId);
    }

    void clear() {
        byId.clear();
    }
}
