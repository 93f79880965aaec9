package org.perflab.kernel.runner;

import java.util.regex.Pattern;

/** Removes terminal escape sequences, which kernels put in tracebacks for colour. */
final class Ansi {

    /** CSI sequences (colours, cursor moves), OSC sequences (titles, links), and two-byte escapes. */
    private static final Pattern ESCAPE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]"
                    + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)"
                    + "|\u001B[@-_]");

    private Ansi() {
    }

    static String strip(String text) {
        return text == null ? "" : ESCAPE.matcher(text).replaceAll("");
    }
}
