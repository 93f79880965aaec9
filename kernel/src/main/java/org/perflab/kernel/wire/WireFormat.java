package org.perflab.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;

import java.util.List;
import java.util.Map;

/**
 * Decodes one multipart ZeroMQ message into a jjava-jupyter {@link Message}, strictly: the shared
 * {@link WireCodec} finds the parts and checks the HMAC in constant time, and a message with a bad
 * signature, malformed JSON or missing parts is rejected with a {@link WireException} instead of an
 * exception that would end the socket's loop. Content stays a {@link JsonObject}, so a request with
 * an unexpected shape reaches the handler, which can answer it, instead of failing inside a type adapter.
 */
public final class WireFormat {

    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();

    private final WireCodec codec;

    public WireFormat(MessageSigner signer) {
        this.codec = new WireCodec(signer);
    }

    /** The parsed message; its content is the raw JSON object and its type may be UNKNOWN. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Message<JsonObject> decode(List<byte[]> frames) throws WireException {
        WireCodec.Frames parts = codec.split(frames);
        try {
            JsonObject headerJson = WireCodec.parseObject(parts.header(), "header");
            for (String field : new String[] {"msg_id", "msg_type"}) {
                if (!headerJson.has(field) || !headerJson.get(field).isJsonPrimitive()) {
                    throw new WireException("header without " + field);
                }
            }
            fillDefaults(headerJson);
            Header<?> parsedHeader = GSON.fromJson(headerJson, Header.class);
            JsonObject parentJson = WireCodec.parseObject(parts.parentHeader(), "parent_header");
            Header<?> parsedParent = null;
            if (parentJson.has("msg_id") && parentJson.has("msg_type")) {
                fillDefaults(parentJson);
                parsedParent = GSON.fromJson(parentJson, Header.class);
            }
            Map<String, Object> meta = GSON.fromJson(WireCodec.parseObject(parts.metadata(), "metadata"), Map.class);
            JsonObject body = WireCodec.parseObject(parts.content(), "content");
            return new Message(parts.identities(), parsedHeader, parsedParent, meta, body, parts.buffers());
        } catch (RuntimeException e) {
            throw new WireException("malformed message: " + e.getMessage());
        }
    }

    private static void fillDefaults(JsonObject header) {
        if (!header.has("username")) {
            header.addProperty("username", "");
        }
        if (!header.has("session")) {
            header.addProperty("session", "");
        }
        if (!header.has("version")) {
            header.addProperty("version", Header.PROTOCOL_VERISON);
        }
        if (!header.has("date") || !header.get("date").isJsonPrimitive()) {
            header.add("date", GSON.toJsonTree(KernelTimestamp.now()));
        }
    }
}
