package org.perflab.kernel.wire;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding multipart messages: HMAC over header, parent, metadata and content; every malformed shape rejected. */
class WireFormatTest {

    private static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    private static final String HEADER = "{\"msg_id\":\"m1\",\"msg_type\":\"execute_request\",\"session\":\"s1\","
            + "\"username\":\"u\",\"version\":\"5.3\",\"date\":\"2024-05-01T12:00:00.123456Z\"}";
    private static final String PARENT = "{}";
    private static final String METADATA = "{\"trusted\":true}";
    private static final String CONTENT = "{\"code\":\"1 + 1\",\"silent\":false}";

    private final WireFormat signed = new WireFormat(MessageSigner.forScheme("hmac-sha256", KEY));

    /** The signature computed here, independently of the signer. */
    private static byte[] sign(String key, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            for (String part : parts) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> frames(byte[] signature, String header, String parent, String metadata, String content,
                                       String... blobs) {
        List<byte[]> frames = new ArrayList<>();
        frames.add("client-identity".getBytes(StandardCharsets.US_ASCII));
        frames.add(WireCodec.DELIMITER);
        frames.add(signature);
        for (String part : List.of(header, parent, metadata, content)) {
            frames.add(part.getBytes(StandardCharsets.UTF_8));
        }
        for (String blob : blobs) {
            frames.add(blob.getBytes(StandardCharsets.UTF_8));
        }
        return frames;
    }

    private static List<byte[]> signedFrames(String key, String header, String content, String... blobs) {
        return frames(sign(key, header, PARENT, METADATA, content), header, PARENT, METADATA, content, blobs);
    }

    private static String rejection(WireFormat wire, List<byte[]> frames) {
        return assertThrows(WireException.class, () -> wire.decode(frames)).getMessage();
    }

    @Test
    void signedMessageIsDecoded() throws Exception {
        Message<JsonObject> message = signed.decode(signedFrames(KEY, HEADER, CONTENT, "blob"));
        assertEquals("m1", message.getHeader().getId());
        assertEquals(MessageType.EXECUTE_REQUEST, message.getHeader().getType());
        assertEquals("2024-05-01T12:00:00.123456Z", message.getHeader().getTimestamp().getDateString());
        assertEquals("1 + 1", message.getContent().get("code").getAsString());
        assertEquals(true, message.getMetadata().get("trusted"));
        assertFalse(message.hasParentHeader(), "an empty parent header is no parent");
        assertEquals(1, message.getIdentities().size());
        assertArrayEquals("client-identity".getBytes(StandardCharsets.US_ASCII), message.getIdentities().get(0));
        assertEquals("blob", new String(message.getBlobs().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void signatureCoversTheFourPartsButNotTheBuffers() throws Exception {
        List<byte[]> frames = signedFrames(KEY, HEADER, CONTENT, "blob");
        frames.set(frames.size() - 1, "another blob".getBytes(StandardCharsets.UTF_8));
        assertEquals("another blob", new String(signed.decode(frames).getBlobs().get(0), StandardCharsets.UTF_8));

        List<byte[]> tampered = signedFrames(KEY, HEADER, CONTENT);
        tampered.set(tampered.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(rejection(signed, tampered).contains("HMAC signature"));
    }

    @Test
    void wrongKeyOrMissingSignatureIsRejected() {
        assertTrue(rejection(signed, signedFrames("not-the-key", HEADER, CONTENT)).contains("HMAC signature"));
        assertTrue(rejection(signed, frames(new byte[0], HEADER, PARENT, METADATA, CONTENT)).contains("HMAC signature"));
    }

    @Test
    void unsignedModeAcceptsAnySignature() throws Exception {
        WireFormat unsigned = new WireFormat(MessageSigner.forKey(""));
        Message<JsonObject> message = unsigned.decode(frames(new byte[0], HEADER, PARENT, METADATA, CONTENT));
        assertEquals("m1", message.getHeader().getId());
    }

    @Test
    void missingDelimiterIsRejected() {
        List<byte[]> frames = signedFrames(KEY, HEADER, CONTENT);
        frames.remove(1);
        assertTrue(rejection(signed, frames).contains("<IDS|MSG>"));
    }

    @Test
    void tooFewFramesAreRejected() {
        List<byte[]> frames = signedFrames(KEY, HEADER, CONTENT);
        frames.remove(frames.size() - 1);
        assertTrue(rejection(signed, frames).contains("fewer than 5 parts"));
    }

    @Test
    void badJsonIsRejectedNamingThePart() {
        assertTrue(rejection(signed, signedFrames(KEY, "{not json", CONTENT)).startsWith("header is not valid JSON"));
        assertTrue(rejection(signed, signedFrames(KEY, HEADER, "[1, 2]")).startsWith("content is not a JSON object"));
    }

    @Test
    void headerWithoutIdOrTypeIsRejected() {
        assertEquals("header without msg_type",
                rejection(signed, signedFrames(KEY, "{\"msg_id\":\"m1\"}", CONTENT)));
        assertEquals("header without msg_id",
                rejection(signed, signedFrames(KEY, "{\"msg_type\":\"execute_request\"}", CONTENT)));
    }

    @Test
    void minimalHeaderGetsDefaultsAndUnknownTypesStillArrive() throws Exception {
        Message<JsonObject> message = signed.decode(signedFrames(KEY, "{\"msg_id\":\"m2\",\"msg_type\":\"frobnicate\"}", "{}"));
        assertEquals(MessageType.UNKNOWN, message.getHeader().getType());
        assertEquals("", message.getHeader().getSessionId());
        assertNotNull(message.getHeader().getTimestamp(), "a header without a date gets one");
    }

    @Test
    void parentHeaderIsKeptWhenItNamesAMessage() throws Exception {
        String parent = "{\"msg_id\":\"p1\",\"msg_type\":\"kernel_info_request\"}";
        Message<JsonObject> message = signed.decode(frames(sign(KEY, HEADER, parent, METADATA, CONTENT),
                HEADER, parent, METADATA, CONTENT));
        assertTrue(message.hasParentHeader());
        assertEquals("p1", message.getParentHeader().getId());
    }
}
