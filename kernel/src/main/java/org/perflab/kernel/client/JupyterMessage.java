package org.perflab.kernel.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * One message of the Jupyter wire protocol (spec v5.3): header, parent header, metadata, content
 * and optional binary buffers, plus the channel it travelled on.
 *
 * <p>The JSON parts are the live objects that were decoded; treat them as read-only.
 */
public final class JupyterMessage {

    private final Channel channel;
    private final List<byte[]> identities;
    private final JsonObject header;
    private final JsonObject parentHeader;
    private final JsonObject metadata;
    private final JsonObject content;
    private final List<byte[]> buffers;
    private final long receivedNanos;

    JupyterMessage(Channel channel, List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                   JsonObject metadata, JsonObject content, List<byte[]> buffers) {
        this(channel, identities, header, parentHeader, metadata, content, buffers, 0L);
    }

    JupyterMessage(Channel channel, List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                   JsonObject metadata, JsonObject content, List<byte[]> buffers, long receivedNanos) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.identities = List.copyOf(identities);
        this.header = Objects.requireNonNull(header, "header");
        this.parentHeader = parentHeader == null ? new JsonObject() : parentHeader;
        this.metadata = metadata == null ? new JsonObject() : metadata;
        this.content = content == null ? new JsonObject() : content;
        this.buffers = List.copyOf(buffers);
        this.receivedNanos = receivedNanos;
    }

    public Channel channel() {
        return channel;
    }

    /** ZeroMQ routing identities that preceded the {@code <IDS|MSG>} delimiter (iopub: the topic). */
    public List<byte[]> identities() {
        return identities;
    }

    public JsonObject header() {
        return header;
    }

    public JsonObject parentHeader() {
        return parentHeader;
    }

    public JsonObject metadata() {
        return metadata;
    }

    public JsonObject content() {
        return content;
    }

    public List<byte[]> buffers() {
        return buffers;
    }

    /**
     * {@link System#nanoTime()} when the client decoded this message, before any queueing toward
     * the caller, so round-trip measurements exclude the caller's wake-up; 0 for messages built here.
     */
    public long receivedNanos() {
        return receivedNanos;
    }

    public String msgId() {
        return stringOrNull(header, "msg_id");
    }

    public String msgType() {
        return stringOrNull(header, "msg_type");
    }

    /** The msg_id of the request this message answers or reports on; {@code null} if it has no parent. */
    public String parentMsgId() {
        return stringOrNull(parentHeader, "msg_id");
    }

    /** A content field as a string, or {@code null} when absent. */
    public String contentString(String field) {
        return stringOrNull(content, field);
    }

    @Override
    public String toString() {
        return msgType() + " on " + channel.wireName() + " (msg_id " + msgId() + ", parent " + parentMsgId() + ")";
    }

    static String stringOrNull(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }
}
