package org.perflab.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decodes one multipart ZeroMQ message into a jjava-jupyter {@link Message}, strictly: the HMAC
 * is compared in constant time, and a message with a bad signature, malformed JSON or missing
 * parts is rejected with a {@link WireException} instead of an exception that would end the
 * socket's loop. Content stays a {@link JsonObject}, so a request with an unexpected shape reaches
 * the handler, which can answer it, instead of failing inside a type adapter.
 */
public final class WireFormat {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();

    private final HMACGenerator hmac;
    private final boolean signed;

    public WireFormat(HMACGenerator hmac, boolean signed) {
        this.hmac = hmac;
        this.signed = signed;
    }

    /** A rejected message, with the reason that goes to the kernel's log. */
    public static final class WireException extends Exception {
        WireException(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed message; its content is the raw JSON object and its type may be UNKNOWN. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Message<JsonObject> decode(List<byte[]> frames) throws WireException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new WireException("message without the <IDS|MSG> delimiter or with fewer than 5 parts after it ("
                    + frames.size() + " frames)");
        }
        List<byte[]> identities = frames.subList(0, delimiter);
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (signed) {
            byte[] expected = hmac.calculateSignature(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature)) {
                throw new WireException("message with a wrong or missing HMAC signature: dropped");
            }
        }
        try {
            JsonObject headerJson = parseObject(header, "header");
            for (String field : new String[] {"msg_id", "msg_type"}) {
                if (!headerJson.has(field) || !headerJson.get(field).isJsonPrimitive()) {
                    throw new WireException("header without " + field);
                }
            }
            fillDefaults(headerJson);
            Header<?> parsedHeader = GSON.fromJson(headerJson, Header.class);
            JsonObject parentJson = parseObject(parent, "parent_header");
            Header<?> parsedParent = null;
            if (parentJson.has("msg_id") && parentJson.has("msg_type")) {
                fillDefaults(parentJson);
                parsedParent = GSON.fromJson(parentJson, Header.class);
            }
            Map<String, Object> meta = GSON.fromJson(parseObject(metadata, "metadata"), Map.class);
            JsonObject body = parseObject(content, "content");
            List<byte[]> blobs = frames.subList(delimiter + 6, frames.size());
            return new Message(List.copyOf(identities), parsedHeader, parsedParent, meta, body, List.copyOf(blobs));
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

    private static JsonObject parseObject(byte[] raw, String part) throws WireException {
        JsonElement element;
        try {
            element = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new WireException(part + " is not valid JSON: " + e.getMessage());
        }
        if (element.isJsonNull()) {
            return new JsonObject();
        }
        if (!element.isJsonObject()) {
            throw new WireException(part + " is not a JSON object");
        }
        return element.getAsJsonObject();
    }
}
