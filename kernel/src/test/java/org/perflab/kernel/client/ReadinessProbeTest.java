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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** waitForReady against a scripted fake kernel: lost first request, silent iopub, no kernel at all. */
@Timeout(30)
class ReadinessProbeTest {

    @Test
    void aLostFirstRequestIsCoveredByTheNextProbe() throws Exception {
        ConnectionInfo info = ConnectionInfo.allocate("fake");
        try (FakeKernel kernel = new FakeKernel(info, 1, true);
             KernelClient client = KernelClient.connect(info)) {
            JsonObject reply = client.waitForReady(Duration.ofSeconds(10));

            assertEquals("fake", reply.get("implementation").getAsString());
            assertTrue(kernel.requests.get() >= 2, "requests seen: " + kernel.requests.get());
        }
    }

    @Test
    void shellWithoutIopubIsNotReady() throws Exception {
        ConnectionInfo info = ConnectionInfo.allocate("fake");
        try (FakeKernel kernel = new FakeKernel(info, 0, false);
             KernelClient client = KernelClient.connect(info)) {
            KernelTimeoutException e = assertThrows(KernelTimeoutException.class,
                    () -> client.waitForReady(Duration.ofMillis(1500)));

            assertTrue(e.getMessage().contains("none of its status messages arrived on iopub"), e.getMessage());
            assertTrue(kernel.requests.get() >= 2, "the client kept probing: " + kernel.requests.get());
        }
    }

    @Test
    void noKernelAtAllTimesOutNamingTheRequests() {
        try (KernelClient client = KernelClient.connect(ConnectionInfo.allocate("nobody"))) {
            KernelTimeoutException e = assertThrows(KernelTimeoutException.class,
                    () -> client.waitForReady(Duration.ofMillis(1500)));

            assertTrue(e.getMessage().contains("No kernel_info_reply to 2 requests within 1500 ms"), e.getMessage());
        }
    }

    /** Answers kernel_info_request after ignoring the first {@code ignored}; publishes status if asked. */
    private static final class FakeKernel implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        FakeKernel(ConnectionInfo info, int ignored, boolean publishStatus) throws InterruptedException {
            CountDownLatch bound = new CountDownLatch(1);
            thread = new Thread(() -> serve(info, ignored, publishStatus, bound), "fake-kernel");
            thread.start();
            bound.await();
        }

        private void serve(ConnectionInfo info, int ignored, boolean publishStatus,
                           CountDownLatch bound) {
            ClientCodec codec = ClientCodec.forKey(info.key());
            MessageFactory messages = new MessageFactory("fake-kernel", "kernel", Clock.systemUTC());
            try (ZContext context = new ZContext()) {
                ZMQ.Socket shell = context.createSocket(SocketType.ROUTER);
                shell.setReceiveTimeOut(100);
                shell.bind(info.endpoint(Channel.SHELL));
                ZMQ.Socket iopub = context.createSocket(SocketType.PUB);
                iopub.bind(info.endpoint(Channel.IOPUB));
                bound.countDown();
                while (running) {
                    List<byte[]> frames = receive(shell);
                    if (frames == null) {
                        continue;
                    }
                    JupyterMessage request = codec.decode(Channel.SHELL, frames);
                    if (requests.incrementAndGet() <= ignored) {
                        continue; // this one is "lost"
                    }
                    JsonObject content = new JsonObject();
                    content.addProperty("status", "ok");
                    content.addProperty("implementation", "fake");
                    send(shell, codec.encode(new JupyterMessage(Channel.SHELL, request.identities(),
                            messages.header("kernel_info_reply"), request.header(), new JsonObject(), content, List.of())));
                    if (publishStatus) {
                        JsonObject status = new JsonObject();
                        status.addProperty("execution_state", "idle");
                        send(iopub, codec.encode(messages.reply(Channel.IOPUB, "status", status, request.header())));
                    }
                }
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static List<byte[]> receive(ZMQ.Socket socket) {
            byte[] first = socket.recv(0);
            if (first == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>();
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
}
