package org.perflab.kernel.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perflab.kernel.client.Channel;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Messages a kernel must survive: a wrong or missing HMAC, JSON that does not parse, an unknown
 * message type, a request without its fields, frames without the delimiter. Each is dropped (or,
 * for a request that is merely incomplete, answered) and the kernel keeps answering the real client.
 */
class MalformedMessagesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static KernelProcess kernel;
    static ZContext zmq;
    static ZMQ.Socket raw;

    @BeforeAll
    static void start() {
        kernel = KernelLauncher.builder(InstalledKernel.kernelCommand()).launch();
        // Wait until the JVM for cells is up too, so a reply's timing does not depend on start-up.
        kernel.client().execute("1 + 1", TIMEOUT);
        zmq = new ZContext();
        raw = zmq.createSocket(SocketType.DEALER);
        raw.setLinger(0);
        raw.setReceiveTimeOut(1_500);
        raw.connect(kernel.connectionInfo().endpoint(Channel.SHELL));
    }

    @AfterAll
    static void stop() {
        if (zmq != null) {
            zmq.close();
        }
        if (kernel != null) {
            kernel.close();
        }
    }

    private static String header(String msgType) {
        return "{\"msg_id\":\"" + UUID.randomUUID() + "\",\"username\":\"test\",\"session\":\"s\",\"date\":\"2026-01-01T00:00:00.000000Z\","
                + "\"msg_type\":\"" + msgType + "\",\"version\":\"5.3\"}";
    }

    private static String sign(String... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kernel.connectionInfo().key().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        for (String part : parts) {
            mac.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private static void send(String signature, String header, String content) {
        raw.sendMore("<IDS|MSG>");
        raw.sendMore(signature);
        raw.sendMore(header);
        raw.sendMore("{}");
        raw.sendMore("{}");
        raw.send(content);
    }

    private static void assertKernelAnswers() {
        assertEquals("ok", kernel.client().kernelInfo(TIMEOUT).get("status").getAsString());
        assertEquals("2", kernel.client().execute("1 + 1", TIMEOUT).resultText().orElseThrow());
    }

    @Test
    void wrongSignatureIsDroppedUnanswered() throws Exception {
        String header = header("kernel_info_request");
        String good = sign(header, "{}", "{}", "{}");
        String bad = (good.charAt(0) == 'a' ? 'b' : 'a') + good.substring(1);
        send(bad, header, "{}");
        assertNull(raw.recv(0), "no reply to a forged message");
        send("", header("kernel_info_request"), "{}");
        assertNull(raw.recv(0), "no reply to an unsigned message");
        assertKernelAnswers();
    }

    @Test
    void malformedJsonIsDropped() throws Exception {
        String header = "{\"msg_id\": not json";
        send(sign(header, "{}", "{}", "{}"), header, "{}");
        String good = header("execute_request");
        String content = "{\"code\": \"1 +";
        send(sign(good, "{}", "{}", content), good, content);
        assertNull(raw.recv(0));
        assertKernelAnswers();
    }

    @Test
    void unknownMessageTypeIsIgnored() throws Exception {
        String header = header("no_such_request");
        send(sign(header, "{}", "{}", "{}"), header, "{}");
        assertNull(raw.recv(0));
        assertKernelAnswers();
    }

    @Test
    void requestWithoutItsFieldsIsStillAnswered() throws Exception {
        String header = header("complete_request");
        send(sign(header, "{}", "{}", "{}"), header, "{}");
        String reply = null;
        raw.setReceiveTimeOut(10_000);
        // The reply arrives as a multipart message: delimiter, signature, header, parent, metadata, content.
        for (int i = 0; i < 6; i++) {
            reply = raw.recvStr(0);
        }
        raw.setReceiveTimeOut(1_500);
        assertEquals(true, reply != null && reply.contains("\"status\":\"ok\""), "reply content: " + reply);
        assertKernelAnswers();
    }

    @Test
    void framesWithoutDelimiterAreDropped() {
        raw.sendMore("just");
        raw.send("garbage");
        assertNull(raw.recv(0));
        assertKernelAnswers();
    }
}
