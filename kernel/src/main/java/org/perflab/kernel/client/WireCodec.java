package org.perflab.kernel.client;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ frames and back:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 * Decoding checks the signature before it parses any JSON, so a forged message costs one HMAC.
 */
final class WireCodec {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** Signature, header, parent_header, metadata, content. */
    private static final int REQUIRED_FRAMES_AFTER_DELIMITER = 5;

    // serializeNulls: a null in content (e.g. execution_count) must reach the kernel as null, not vanish.
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final MessageSigner signer;

    WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    static WireCodec forKey(String key) {
        return new WireCodec(MessageSigner.forKey(key));
    }

    List<byte[]> encode(JupyterMessage message) {
        byte[] header = toBytes(message.header());
        byte[] parent = toBytes(message.parentHeader());
        byte[] metadata = toBytes(message.metadata());
        byte[] content = toBytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    JupyterMessage decode(Channel channel, List<byte[]> frames) {
        long receivedNanos = System.nanoTime();
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new KernelProtocolException("Message on " + channel.wireName()
                    + " has no <IDS|MSG> delimiter among its " + frames.size()
                    + " frames; the peer does not speak the Jupyter wire protocol");
        }
        if (frames.size() - delimiter - 1 < REQUIRED_FRAMES_AFTER_DELIMITER) {
            throw new KernelProtocolException("Message on " + channel.wireName() + " has "
                    + (frames.size() - delimiter - 1) + " frames after <IDS|MSG>; the protocol needs "
                    + REQUIRED_FRAMES_AFTER_DELIMITER + " (signature, header, parent_header, metadata, content)");
        }
        int at = delimiter + 1;
        byte[] signature = frames.get(at);
        byte[] header = frames.get(at + 1);
        byte[] parent = frames.get(at + 2);
        byte[] metadata = frames.get(at + 3);
        byte[] content = frames.get(at + 4);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new KernelProtocolException("Message on " + channel.wireName() + " has an invalid HMAC signature "
                    + "(header " + preview(header) + "); the kernel and the client do not share the connection key");
        }
        return new JupyterMessage(channel,
                frames.subList(0, delimiter),
                parseObject(channel, "header", header),
                parseObject(channel, "parent_header", parent),
                parseObject(channel, "metadata", metadata),
                parseObject(channel, "content", content),
                frames.subList(at + 5, frames.size()),
                receivedNanos);
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

    private static JsonObject parseObject(Channel channel, String part, byte[] frame) {
        try {
            JsonElement element = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new KernelProtocolException("The " + part + " of a message on " + channel.wireName()
                        + " is " + preview(frame) + ", not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new KernelProtocolException("The " + part + " of a message on " + channel.wireName()
                    + " is not valid JSON: " + preview(frame), e);
        }
    }

    private static String preview(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
