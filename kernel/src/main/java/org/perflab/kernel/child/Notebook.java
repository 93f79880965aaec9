package org.perflab.kernel.child;

import org.perflab.display.Display;

/**
 * The functions every cell can call without a prefix; the kernel imports them statically at
 * start-up. They delegate to {@link Display}, so library code and cells share one mechanism.
 */
public final class Notebook {

    private Notebook() {
    }

    /** Shows a value as rich output (HTML table, chart, text) below the cell. */
    public static void display(Object value) {
        Display.show(value);
    }

    /**
     * Shows a value under a display id and returns the id; {@link #updateDisplay} replaces it in
     * place later, from this cell or another.
     */
    public static String display(Object value, String displayId) {
        return Display.show(value, displayId);
    }

    /** Clears this cell's output; with {@code wait}, when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Display.clear(wait);
    }

    /** Clears this cell's output at once. */
    public static void clearOutput() {
        Display.clear(false);
    }

    /** Replaces the output shown earlier under {@code displayId}. */
    public static void updateDisplay(String displayId, Object value) {
        Display.update(displayId, value);
    }
}
