package org.perflab.display;

import java.util.List;

/**
 * Where {@link Display} sends rich output. Inside the PerfLab kernel the sink publishes Jupyter
 * {@code display_data} and {@code update_display_data} messages; anywhere else (a unit test, a plain
 * {@code main}) the default sink prints {@code toString()} to standard output.
 */
public interface DisplaySink {

    /** Shows {@code value} as a new output; {@code displayId} may be null when it is never updated. */
    void show(Object value, String displayId);

    /** Replaces the output shown earlier under {@code displayId} with {@code value}, in place. */
    void update(String displayId, Object value);

    /**
     * Shows {@code value} rendered as the given MIME types (as IJava's and JJava's {@code display(value,
     * "text/html")} do); a sink that cannot render types shows the value as it would without them.
     */
    default void show(Object value, String displayId, List<String> mimeTypes) {
        show(value, displayId);
    }

    /** {@link #update(String, Object)} with the value rendered as the given MIME types. */
    default void update(String displayId, Object value, List<String> mimeTypes) {
        update(displayId, value);
    }

    /**
     * Clears the current cell's output; with {@code wait}, only when the next output arrives, which
     * avoids flicker when a cell redraws itself.
     */
    default void clear(boolean wait) {
    }

    /** The sink used outside a notebook: one printed line per call, updates included. */
    DisplaySink STDOUT = new DisplaySink() {
        @Override
        public void show(Object value, String displayId) {
            System.out.println(value);
        }

        @Override
        public void update(String displayId, Object value) {
            System.out.println(value);
        }
    };
}
