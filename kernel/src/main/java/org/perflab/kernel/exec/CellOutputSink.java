package org.perflab.kernel.exec;

import com.google.gson.JsonObject;

/**
 * Where the output of the running cell goes. The kernel implements it per execute request, so
 * output reaches the frontend as stream, display_data and update_display_data messages whose parent
 * is that request.
 */
public interface CellOutputSink {

    void stdout(String text);

    void stderr(String text);

    /** A rendered bundle: {@code {"data":{mime: value}, "metadata":{}, "transient":{"display_id":...}}}. */
    void display(JsonObject bundle, boolean update);

    /** Clears the cell's output (with {@code wait}: when the next output arrives). */
    void clearOutput(boolean wait);

    /** A sink that drops everything, for start-up snippets. */
    CellOutputSink NONE = new CellOutputSink() {
        @Override
        public void stdout(String text) {
        }

        @Override
        public void stderr(String text) {
        }

        @Override
        public void display(JsonObject bundle, boolean update) {
        }

        @Override
        public void clearOutput(boolean wait) {
        }
    };
}
