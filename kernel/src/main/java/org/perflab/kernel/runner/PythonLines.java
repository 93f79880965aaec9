package org.perflab.kernel.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.splitlines(keepends=True)}, which nbformat uses to store text as a list of
 * lines. Matching it exactly keeps files written here byte-identical to files written by Jupyter,
 * so re-saving a notebook in Jupyter shows no diff.
 */
final class PythonLines {

    private PythonLines() {
    }

    static List<String> splitKeepingEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBoundary(c)) {
                int end = i + 1;
                if (c == '\r' && end < text.length() && text.charAt(end) == '\n') {
                    end++;
                }
                lines.add(text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The boundaries Python's str.splitlines recognizes, beyond \n and \r. */
    private static boolean isLineBoundary(char c) {
        return switch (c) {
            case '\n', '\r', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }
}
