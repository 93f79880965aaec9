package org.perflab.kernel.exec;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers a frontend's questions about code without running it: completions at the cursor,
 * documentation of the name under the cursor, and whether a console should submit the code yet.
 */
public final class CodeAssist {

    /** What {@code is_complete_request} answers. */
    public enum Completeness { COMPLETE, INCOMPLETE, INVALID }

    /** Completion candidates and the range of the cell they replace. */
    public record Completions(List<String> matches, int cursorStart, int cursorEnd) {
    }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    CodeAssist(JShell shell) {
        this.shell = shell;
        this.analysis = shell.sourceCodeAnalysis();
    }

    public Completions complete(String cell, int cursor) {
        cursor = clamp(cursor, cell);
        CellSplitter.Chunk chunk = chunkAt(cell, cursor);
        String code = cell.substring(chunk.start(), Math.max(chunk.start(), chunk.end()));
        int local = cursor - chunk.start();
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, local, anchor);
        Set<String> matches = new LinkedHashSet<>();
        // Suggestions that match the expected type come first, as JShell ranks them.
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(new ArrayList<>(matches), chunk.start() + anchor[0], cursor);
    }

    /**
     * Documentation for the name at or just before the cursor: signatures with their javadoc
     * summary where the JDK ships sources, or a variable's type and value.
     */
    public String inspect(String cell, int cursor, boolean detailed) {
        cursor = clamp(cursor, cell);
        CellSplitter.Chunk chunk = chunkAt(cell, cursor);
        String code = cell.substring(chunk.start(), Math.max(chunk.start(), chunk.end()));
        int local = cursor - chunk.start();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, local, true);
        if (docs.isEmpty()) {
            // The cursor at the end of a method name: ask as if its call had begun.
            int end = endOfWord(code, local);
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        StringBuilder out = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            out.append(doc.signature()).append('\n');
            String javadoc = doc.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                out.append(detailed ? javadoc : firstSentence(javadoc)).append("\n\n");
            }
        }
        if (out.length() == 0) {
            String word = wordAt(code, local);
            shell.variables().filter(v -> v.name().equals(word) && shell.status(v).isActive())
                    .reduce((a, b) -> b)
                    .ifPresent(v -> out.append(describeVariable(v)));
        }
        return out.toString().strip();
    }

    private String describeVariable(VarSnippet variable) {
        String value;
        try {
            value = shell.varValue(variable);
        } catch (RuntimeException e) {
            value = "<unavailable>";
        }
        return variable.typeName() + " " + variable.name() + " = " + value;
    }

    public Completeness isComplete(String cell) {
        String remaining = cell;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.INCOMPLETE;
                case UNKNOWN:
                    return Completeness.INVALID;
                default:
                    if (info.remaining().length() >= remaining.length()) {
                        return Completeness.INVALID;
                    }
                    remaining = info.remaining();
            }
        }
        return Completeness.COMPLETE;
    }

    private CellSplitter.Chunk chunkAt(String cell, int cursor) {
        List<CellSplitter.Chunk> chunks = CellSplitter.split(analysis, cell);
        CellSplitter.Chunk found = new CellSplitter.Chunk("", 0, cell.length(), 1);
        for (CellSplitter.Chunk chunk : chunks) {
            if (chunk.start() <= cursor) {
                found = chunk;
            }
        }
        // The cursor may sit in whitespace after the last complete snippet: complete from there.
        if (cursor > found.end()) {
            return new CellSplitter.Chunk("", found.end(), cell.length(), 1);
        }
        return found;
    }

    private static int clamp(int cursor, String cell) {
        return Math.max(0, Math.min(cursor, cell.length()));
    }

    private static int endOfWord(String code, int at) {
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String wordAt(String code, int at) {
        int start = Math.min(at, code.length());
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return code.substring(start, endOfWord(code, at));
    }

    private static String firstSentence(String javadoc) {
        String plain = javadoc.strip();
        int dot = plain.indexOf(". ");
        int blank = plain.indexOf("\n\n");
        int end = plain.length();
        if (dot >= 0) {
            end = Math.min(end, dot + 1);
        }
        if (blank >= 0) {
            end = Math.min(end, blank);
        }
        return plain.substring(0, end);
    }
}
