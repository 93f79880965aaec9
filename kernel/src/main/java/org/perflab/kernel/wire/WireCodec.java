package org.perflab.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Jupyter wire format, for the kernel and the client alike:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 * Splitting checks the signature before any JSON is parsed, so a forged message costs one HMAC,
 * and every rejection is a {@link WireException} with the reason, never an exception that would end
 * a socket's loop. The kernel builds jjava's messages on it ({@link WireFormat}); the client its own.
 */
public final class WireCodec {

    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** Signature, header, parent_header, metadata, content. */
    static final int REQUIRED_FRAMES_AFTER_DELIMITER = 5;
    private static final int PREVIEW_CHARS = 120;

    // serializeNulls: a null in content (e.g. execution_count) must reach the peer as null, not vanish.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final MessageSigner signer;

    public WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    /** A codec signing with HMAC-SHA256 under the connection file's key (empty: unsigned). */
    public static WireCodec forKey(String key) {
        return new WireCodec(MessageSigner.forKey(key));
    }

    /** The frames of a message checked for shape and signature, before its JSON parts are parsed. */
    public record Frames(List<byte[]> identities, byte[] header, byte[] parentHeader, byte[] metadata,
                         byte[] content, List<byte[]> buffers) {
    }

    /** The frames to send for a message, signed. */
    public List<byte[]> encode(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                               JsonObject metadata, JsonObject content, List<byte[]> buffers) {
        byte[] headerBytes = toBytes(header);
        byte[] parent = toBytes(parentHeader);
        byte[] meta = toBytes(metadata);
        byte[] body = toBytes(content);
        List<byte[]> frames = new ArrayList<>(identities.size() + 6 + buffers.size());
        frames.addAll(identities);
        frames.add(DELIMITER);
        frames.add(signer.sign(headerBytes, parent, meta, body).getBytes(StandardCharsets.US_ASCII));
        frames.add(headerBytes);
        frames.add(parent);
        frames.add(meta);
        frames.add(body);
        frames.addAll(buffers);
        return frames;
    }

    /** Finds the parts of a received message and checks its signature (in constant time). */
    public Frames split(List<byte[]> frames) throws WireException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new WireException("message without the <IDS|MSG> delimiter among its " + frames.size()
                    + " frames; the peer does not speak the Jupyter wire protocol");
        }
        int after = frames.size() - delimiter - 1;
        if (after < REQUIRED_FRAMES_AFTER_DELIMITER) {
            throw new WireException("message with fewer than " + REQUIRED_FRAMES_AFTER_DELIMITER
                    + " parts after <IDS|MSG> (" + after + " of " + frames.size() + " frames); the protocol needs"
                    + " signature, header, parent_header, metadata and content");
        }
        int at = delimiter + 1;
        Frames parts = new Frames(List.copyOf(frames.subList(0, delimiter)), frames.get(at + 1), frames.get(at + 2),
                frames.get(at + 3), frames.get(at + 4), List.copyOf(frames.subList(at + 5, frames.size())));
        if (!signer.verify(frames.get(at), parts.header(), parts.parentHeader(), parts.metadata(), parts.content())) {
            throw new WireException("message with an invalid HMAC signature, wrong or missing (header " + preview(parts.header())
                    + "): dropped; the sender does not hold the connection file's key");
        }
        return parts;
    }

    /**
     * One JSON part as an object; JSON {@code null} reads as an empty object (some clients send it
     * for an absent parent header).
     *
     * @param part the part's name in the protocol, for the message: header, parent_header, ...
     */
    public static JsonObject parseObject(byte[] frame, String part) throws WireException {
        JsonElement element;
        try {
            element = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new WireException(part + " is not valid JSON: " + preview(frame));
        }
        if (element.isJsonNull()) {
            return new JsonObject();
        }
        if (!element.isJsonObject()) {
            throw new WireException(part + " is not a JSON object: " + preview(frame));
        }
        return element.getAsJsonObject();
    }

    static byte[] toBytes(JsonObject object) {
        return GSON.toJson(object).getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static String preview(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "...";
    }
}
