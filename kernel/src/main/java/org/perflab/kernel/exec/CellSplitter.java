package org.perflab.kernel.exec;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into the snippets JShell would see one at a time, remembering where each starts
 * in the cell so errors can name the cell line. Incomplete trailing code is kept as one last chunk:
 * compiling it gives the user JShell's own "reached end of file" diagnostic.
 */
final class CellSplitter {

    /** One snippet's source, where it starts in the cell (character offset) and its first cell line. */
    record Chunk(String source, int start, int end, int firstLine) {
    }

    private CellSplitter() {
    }

    static List<Chunk> split(SourceCodeAnalysis analysis, String cell) {
        List<Chunk> chunks = new ArrayList<>();
        int offset = 0;
        while (offset < cell.length()) {
            String remaining = cell.substring(offset);
            if (remaining.isBlank()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int consumed = remaining.length() - info.remaining().length();
            String source;
            if (!info.completeness().isComplete() || consumed <= 0) {
                consumed = remaining.length();
                source = remaining;
            } else {
                source = info.source();
            }
            String raw = remaining.substring(0, consumed);
            int leading = raw.length() - raw.stripLeading().length();
            int start = offset + leading;
            chunks.add(new Chunk(source.strip().isEmpty() ? source : stripLeading(source),
                    start, offset + consumed, lineOf(cell, start)));
            offset += consumed;
        }
        return chunks;
    }

    private static String stripLeading(String source) {
        return source.stripLeading();
    }

    /** The 1-based line of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
