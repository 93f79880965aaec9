package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCodecTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private final MessageFactory messages = new MessageFactory("session-1", "tester", FIXED);

    @Test
    void headerCarriesTheFieldsOfSpec53() {
        JsonObject header = messages.header("execute_request");

        assertEquals("5.3", header.get("version").getAsString());
        assertEquals("execute_request", header.get("msg_type").getAsString());
        assertEquals("session-1", header.get("session").getAsString());
        assertEquals("tester", header.get("username").getAsString());
        assertEquals("2025-01-02T03:04:05.678Z", header.get("date").getAsString());
        assertTrue(header.get("msg_id").getAsString().matches("[0-9a-f-]{36}"));
    }

    @Test
    void signedMessageSurvivesARoundTrip() {
        ClientCodec codec = ClientCodec.forKey("secret");
        JupyterMessage sent = messages.request(Channel.SHELL, "execute_request", content("print(1)"));

        List<byte[]> frames = codec.encode(sent);
        JupyterMessage received = codec.decode(Channel.SHELL, frames);

        assertArrayEquals(org.perflab.kernel.wire.WireCodec.DELIMITER, frames.get(0));
        assertEquals(64, frames.get(1).length, "hex of a SHA-256 HMAC");
        assertEquals(sent.msgId(), received.msgId());
        assertEquals(sent.content(), received.content());
        assertTrue(received.receivedNanos() > 0);
    }

    @Test
    void signatureMatchesAnIndependentHmacOfTheFourJsonFrames() throws Exception {
        List<byte[]> frames = ClientCodec.forKey("secret").encode(
                messages.request(Channel.SHELL, "kernel_info_request", new JsonObject()));

        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 2; i <= 5; i++) {
            mac.update(frames.get(i));
        }
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal());
        assertEquals(expected, new String(frames.get(1), StandardCharsets.US_ASCII));
    }

    @Test
    void messageSignedWithAnotherKeyIsRejected() {
        List<byte[]> frames = ClientCodec.forKey("attacker").encode(
                messages.request(Channel.IOPUB, "stream", content("x")));

        KernelProtocolException e = assertThrows(KernelProtocolException.class,
                () -> ClientCodec.forKey("secret").decode(Channel.IOPUB, frames));
        assertTrue(e.getMessage().contains("invalid HMAC signature"), e.getMessage());
    }

    @Test
    void tamperedContentIsRejected() {
        ClientCodec codec = ClientCodec.forKey("secret");
        List<byte[]> frames = new ArrayList<>(codec.encode(messages.request(Channel.SHELL, "execute_request",
                content("print(1)"))));
        frames.set(5, "{\"code\":\"import os; os.remove('x')\"}".getBytes(StandardCharsets.UTF_8));

        assertThrows(KernelProtocolException.class, () -> codec.decode(Channel.SHELL, frames));
    }

    @Test
    void emptyKeyMeansUnsignedAndUnchecked() {
        List<byte[]> frames = ClientCodec.forKey("").encode(messages.request(Channel.SHELL, "kernel_info_request",
                new JsonObject()));

        assertEquals(0, frames.get(1).length);
        assertEquals("kernel_info_request", ClientCodec.forKey("").decode(Channel.SHELL, frames).msgType());
    }

    @Test
    void routingIdentitiesBeforeTheDelimiterAreKept() {
        ClientCodec codec = ClientCodec.forKey("k");
        List<byte[]> frames = new ArrayList<>();
        frames.add("peer-7".getBytes(StandardCharsets.UTF_8));
        frames.addAll(codec.encode(messages.request(Channel.SHELL, "kernel_info_request", new JsonObject())));

        JupyterMessage message = codec.decode(Channel.SHELL, frames);

        assertEquals(1, message.identities().size());
        assertEquals("peer-7", new String(message.identities().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void framesWithoutDelimiterAreRejectedWithTheCount() {
        KernelProtocolException e = assertThrows(KernelProtocolException.class, () -> ClientCodec.forKey("k")
                .decode(Channel.SHELL, List.of("a".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("1 frames"), e.getMessage());
    }

    private static JsonObject content(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return content;
    }
}
