package org.perflab.kernel;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.perflab.kernel.exec.CellOutputSink;

/**
 * Publishes one cell's output on IOPub with that cell's request as parent. It is called from the
 * threads that receive the child's output, so it writes to the socket directly (sends are
 * serialised by the channel) instead of through the request's reply environment, whose deferral
 * state belongs to the shell thread.
 */
final class IopubCellSink implements CellOutputSink {

    private final IOPubChannel iopub;
    private final MessageContext request;
    private final boolean silent;

    IopubCellSink(IOPubChannel iopub, MessageContext request, boolean silent) {
        this.iopub = iopub;
        this.request = request;
        this.silent = silent;
    }

    @Override
    public void stdout(String text) {
        stream("stdout", text);
    }

    @Override
    public void stderr(String text) {
        stream("stderr", text);
    }

    private void stream(String name, String text) {
        if (silent || text.isEmpty()) {
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        send(MessageType.PUBLISH_STREAM, content);
    }

    @Override
    public void display(JsonObject bundle, boolean update) {
        if (silent) {
            return;
        }
        JsonObject content = bundle.deepCopy();
        if (!content.has("metadata") || content.get("metadata").isJsonNull()) {
            content.add("metadata", new JsonObject());
        }
        if (!content.has("transient") || content.get("transient").isJsonNull()) {
            content.add("transient", new JsonObject());
        }
        send(update ? MessageType.PUBLISH_UPDATE_DISPLAY_DATA : MessageType.PUBLISH_DISPLAY_DATA, content);
    }

    @Override
    public void clearOutput(boolean wait) {
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        send(MessageType.PUBLISH_CLEAR_OUTPUT, content);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    void send(MessageType<?> type, JsonObject content) {
        iopub.sendMessage(new Message(request, type, content));
    }
}
