package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fake kernel (a ROUTER on the shell port) answers the client once with a reply signed by the
 * wrong key and once with the right key: the client must drop the first and accept the second.
 */
@Timeout(30)
class BadSignatureTest {

    @Test
    void replySignedWithAWrongKeyIsRejectedAndARightOneAccepted() {
        ConnectionInfo info = ConnectionInfo.allocate("fake");
        try (ZContext context = new ZContext()) {
            ZMQ.Socket shell = context.createSocket(SocketType.ROUTER);
            shell.setLinger(0);
            shell.setReceiveTimeOut(10_000);
            shell.bind(info.endpoint(Channel.SHELL));
            try (KernelClient client = KernelClient.connect(info)) {
                String msgId = client.request(Channel.SHELL, "kernel_info_request", new JsonObject());
                JupyterMessage request = ClientCodec.forKey(info.key()).decode(Channel.SHELL, receive(shell));
                assertEquals(msgId, request.msgId());

                send(shell, ClientCodec.forKey("not-the-connection-key").encode(replyTo(request)));
                KernelTimeoutException timeout = assertThrows(KernelTimeoutException.class,
                        () -> client.awaitReply(msgId, Duration.ofSeconds(1)));
                assertEquals(1, client.rejectedMessageCount());
                assertTrue(timeout.getMessage().contains("messages rejected: 1"), timeout.getMessage());
                assertTrue(timeout.getMessage().contains("invalid HMAC signature"), timeout.getMessage());

                send(shell, ClientCodec.forKey(info.key()).encode(replyTo(request)));
                JupyterMessage reply = client.awaitReply(msgId, Duration.ofSeconds(5));
                assertEquals("kernel_info_reply", reply.msgType());
                assertEquals(1, client.rejectedMessageCount());
            }
        }
    }

    private static JupyterMessage replyTo(JupyterMessage request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", "5.3");
        JsonObject header = new MessageFactory("fake-kernel", "kernel", Clock.systemUTC()).header("kernel_info_reply");
        // A ROUTER routes by the identity frames the request arrived with.
        return new JupyterMessage(Channel.SHELL, request.identities(), header, request.header(), new JsonObject(),
                content, List.of());
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv(0);
        assertNotNull(first, "the fake kernel received no request within 10 s");
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
