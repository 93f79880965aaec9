package org.perflab.kernel.child;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.perflab.display.DisplaySink;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders values where they live, in the child JVM, and sends the MIME bundles to the kernel as
 * length-prefixed JSON frames on JShell's multiplexed "display" stream. The kernel turns each frame
 * into a {@code display_data} or {@code update_display_data} message.
 */
final class ChildDisplaySink implements DisplaySink {

    private final DataOutputStream frames;
    private final Renderer renderer;
    private final Gson gson = new Gson();

    ChildDisplaySink(OutputStream stream, Renderer renderer) {
        this.frames = new DataOutputStream(stream);
        this.renderer = renderer;
    }

    @Override
    public void show(Object value, String displayId) {
        send(ChildProtocol.KIND_SHOW, value, displayId, List.of());
    }

    @Override
    public void update(String displayId, Object value) {
        send(ChildProtocol.KIND_UPDATE, value, displayId, List.of());
    }

    @Override
    public void show(Object value, String displayId, List<String> mimeTypes) {
        send(ChildProtocol.KIND_SHOW, value, displayId, mimeTypes);
    }

    @Override
    public void update(String displayId, Object value, List<String> mimeTypes) {
        send(ChildProtocol.KIND_UPDATE, value, displayId, mimeTypes);
    }

    @Override
    public void clear(boolean wait) {
        JsonObject frame = new JsonObject();
        frame.addProperty(ChildProtocol.FRAME_KIND, ChildProtocol.KIND_CLEAR);
        frame.addProperty(ChildProtocol.FRAME_WAIT, wait);
        write(frame);
    }

    private void send(String kind, Object value, String displayId, List<String> mimeTypes) {
        DisplayData data = value instanceof DisplayData ? (DisplayData) value
                : value == null ? new DisplayData("null")
                : mimeTypes.isEmpty() ? renderer.render(value) : Renderers.renderAs(renderer, value, mimeTypes);
        if (displayId != null) {
            data.setDisplayId(displayId);
        }
        JsonObject frame = new JsonObject();
        frame.addProperty(ChildProtocol.FRAME_KIND, kind);
        frame.add(ChildProtocol.FRAME_BUNDLE, gson.toJsonTree(data));
        write(frame);
    }

    private void write(JsonObject frame) {
        byte[] bytes = gson.toJson(frame).getBytes(StandardCharsets.UTF_8);
        // Text printed before this display must reach the notebook before it.
        OutputFlusher.flushNow();
        synchronized (frames) {
            try {
                frames.writeInt(bytes.length);
                frames.write(bytes);
                frames.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the kernel connection is closed; the display was not sent", e);
            }
        }
    }
}
