package org.perflab.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * What every request handler does the same way: publish on iopub, reply after the busy status, and
 * read a request's fields leniently, so a request of an unexpected shape is answered, not dropped.
 */
final class Replies {

    private Replies() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void publish(ShellReplyEnvironment env, MessageType<?> type, JsonObject content) {
        env.publish(new Message(env.getContext(), type, content));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void reply(ShellReplyEnvironment env, MessageType<?> type, JsonObject content) {
        env.defer().reply(new Message(env.getContext(), type, content));
    }

    static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsBoolean() : fallback;
    }

    static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }
}
