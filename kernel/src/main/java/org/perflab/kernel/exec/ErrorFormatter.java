package org.perflab.kernel.exec;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns JShell's diagnostics and exceptions into Jupyter tracebacks: the failing cell line first
 * with the source and a caret, then the Java stack with the frames of JShell, reflection and the
 * kernel removed, then each cause.
 */
final class ErrorFormatter {

    static final int MAX_FRAMES = 40;
    private static final String RED = "\u001b[0;31m";
    private static final String GREEN = "\u001b[0;32m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private static final String[] MACHINERY = {
        "jdk.internal.reflect.", "java.lang.reflect.Method.", "jdk.jshell.", "org.perflab.kernel.child.",
        "java.base/jdk.internal.reflect.", "java.base/java.lang.reflect.Method."
    };

    private final SnippetLocations locations;

    ErrorFormatter(SnippetLocations locations) {
        this.locations = locations;
    }

    /** A compile error: each diagnostic with its cell line, the source line and a caret under the problem. */
    CellError compileError(SnippetLocations.Origin origin, List<Diag> diagnostics) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            String message = diag.getMessage(Locale.ROOT).replaceAll("\\n\\s*location: class\\s*$", "");
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            int pos = (int) Math.max(0, diag.getPosition() < 0 ? diag.getStartPosition() : diag.getPosition());
            int start = (int) Math.max(0, diag.getStartPosition());
            int end = (int) Math.max(start + 1, diag.getEndPosition());
            String source = origin.source();
            int lineStart = source.lastIndexOf('\n', Math.max(0, Math.min(pos, source.length()) - 1)) + 1;
            int lineNo = 1 + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
            int lineEnd = source.indexOf('\n', lineStart);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int caretFrom = Math.max(0, Math.min(start, pos) - lineStart);
            int caretTo = Math.max(caretFrom + 1, Math.min(end, lineStart + line.length()) - lineStart);
            lines.add(RED + BOLD + "Compile error" + RESET + " in cell [" + origin.cell() + "] line "
                    + origin.cellLine(lineNo) + ": " + message);
            lines.add("    " + line);
            lines.add("    " + " ".repeat(caretFrom) + GREEN + "^".repeat(Math.max(1, caretTo - caretFrom)) + RESET);
        }
        if (first == null) {
            first = "the cell does not compile";
            lines.add(first);
        }
        return new CellError(CellError.COMPILATION, first, lines);
    }

    /** A runtime exception from user code, with causes. */
    CellError runtimeError(JShellException exception) {
        String ename = exceptionClass(exception);
        List<String> lines = new ArrayList<>();
        userLocation(exception).ifPresent(lines::add);
        appendThrowable(lines, exception, ename, "");
        return new CellError(ename, messageOf(exception), lines);
    }

    private java.util.Optional<String> userLocation(JShellException exception) {
        for (StackTraceElement frame : exception.getStackTrace()) {
            SnippetLocations.Origin origin = originOf(frame);
            if (origin != null && frame.getLineNumber() > 0) {
                return java.util.Optional.of(RED + BOLD + exceptionClass(exception) + RESET + " at cell ["
                        + origin.cell() + "] line " + origin.cellLine(frame.getLineNumber()) + ":\n    "
                        + origin.sourceLine(frame.getLineNumber()).strip());
            }
        }
        return java.util.Optional.empty();
    }

    private void appendThrowable(List<String> lines, Throwable t, String ename, String prefix) {
        String message = messageOf(t);
        lines.add(prefix + RED + ename + RESET + (message.isEmpty() ? "" : ": " + message));
        List<String> frames = userFrames(t.getStackTrace());
        int shown = Math.min(frames.size(), MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            lines.add("    at " + frames.get(i));
        }
        if (frames.size() > shown) {
            lines.add("    ... " + (frames.size() - shown) + " more frames");
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t) {
            String causeName = cause instanceof JShellException ? exceptionClass((JShellException) cause)
                    : cause.getClass().getName();
            appendThrowable(lines, cause, causeName, "Caused by: ");
        }
    }

    /** The frames above the machinery that ran the snippet, with snippet frames named by cell and line. */
    List<String> userFrames(StackTraceElement[] stack) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            if (isMachinery(frame.getClassName())) {
                break;
            }
            out.add(describe(frame));
        }
        return out;
    }

    private String describe(StackTraceElement frame) {
        SnippetLocations.Origin origin = originOf(frame);
        if (origin == null) {
            return frame.toString();
        }
        String method = frame.getMethodName();
        String where = "cell [" + origin.cell() + "] line " + origin.cellLine(Math.max(1, frame.getLineNumber()));
        return method == null || method.isEmpty() || "do_it$".equals(method) ? where : method + "(" + where + ")";
    }

    private SnippetLocations.Origin originOf(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            return locations.find(file.substring(1));
        }
        return null;
    }

    private static boolean isMachinery(String className) {
        for (String prefix : MACHINERY) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String exceptionClass(JShellException exception) {
        if (exception instanceof EvalException) {
            return ((EvalException) exception).getExceptionClassName();
        }
        if (exception instanceof UnresolvedReferenceException) {
            return "UnresolvedReferenceException";
        }
        return exception.getClass().getName();
    }

    private static String messageOf(Throwable t) {
        if (t instanceof UnresolvedReferenceException) {
            jdk.jshell.DeclarationSnippet snippet = ((UnresolvedReferenceException) t).getSnippet();
            return "'" + snippet.name() + "' uses something that is not defined yet: define it, then run this cell again";
        }
        String message = t.getMessage();
        // JShell's wrapper classes mean nothing to the reader: "REPL.$JShell$22.s" is the variable s.
        return message == null ? "" : message.replaceAll("REPL\\.\\$JShell\\$\\d+[A-Z]?\\.", "");
    }
}
