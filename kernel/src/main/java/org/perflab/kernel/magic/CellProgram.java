package org.perflab.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell read as steps: a cell magic ({@code %%name args} on the first line, applied to the rest),
 * or runs of Java code separated by line magics ({@code %name args} alone on a line), kept in
 * order with the cell line each starts on.
 */
public final class CellProgram {

    private static final Pattern CELL_MAGIC = Pattern.compile("\\A\\s*%%(\\w+)([^\\n]*)(?:\\n|\\z)");
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w+)(.*)$");

    /** One step of a cell. */
    public sealed interface Step permits Code, LineMagic {
    }

    /** Java code starting on cell line {@code firstLine}. */
    public record Code(String source, int firstLine) implements Step {
    }

    /** {@code %name args} on cell line {@code line}. */
    public record LineMagic(String name, String args, int line) implements Step {
    }

    /** {@code %%name args} and the body under it, which starts on cell line {@code bodyFirstLine}. */
    public record CellMagic(String name, String args, String body, int bodyFirstLine) {
    }

    private CellProgram() {
    }

    /** The cell magic heading the cell, or null. */
    public static CellMagic cellMagic(String cell) {
        Matcher m = CELL_MAGIC.matcher(cell);
        if (!m.find()) {
            return null;
        }
        int bodyStart = m.end();
        int bodyFirstLine = 1 + (int) cell.substring(0, bodyStart).chars().filter(c -> c == '\n').count();
        return new CellMagic(m.group(1), m.group(2).strip(), cell.substring(bodyStart), bodyFirstLine);
    }

    /** The code and line magics of a cell without a cell magic, in order. */
    public static List<Step> steps(String cell, int firstLine) {
        List<Step> steps = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int codeStart = firstLine;
        String[] lines = cell.split("\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = firstLine + i;
            Matcher m = LINE_MAGIC.matcher(lines[i]);
            if (m.matches()) {
                flush(steps, code, codeStart);
                steps.add(new LineMagic(m.group(1), m.group(2).strip(), lineNo));
                codeStart = lineNo + 1;
            } else {
                if (code.length() == 0 && lines[i].isBlank()) {
                    codeStart = lineNo + 1;
                    continue;
                }
                code.append(lines[i]).append('\n');
            }
        }
        flush(steps, code, codeStart);
        return steps;
    }

    private static void flush(List<Step> steps, StringBuilder code, int codeStart) {
        if (code.length() > 0 && !code.toString().isBlank()) {
            String source = code.toString();
            steps.add(new Code(source.substring(0, source.length() - 1), codeStart));
        }
        code.setLength(0);
    }

    /** Splits magic arguments on white space, keeping double-quoted parts together. */
    public static List<String> words(String args) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(args);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }
}
