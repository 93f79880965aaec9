package org.perflab.kernel.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one thread that owns the shell, control, stdin and iopub sockets.
 *
 * <p>ZeroMQ sockets must not be used from two threads at once, yet callers send from their own
 * threads while replies must be read continuously. So callers hand outgoing frames to an in-process
 * PAIR socket (guarded by a lock), and this thread polls that pipe together with the four kernel
 * sockets: an outgoing message wakes the poll at once, which keeps round trips free of poll delay.
 */
final class SocketPump implements AutoCloseable {

    /**
     * JeroMQ 0.6.0 sometimes leaves a fresh connection's handshake hanging, and only redials when the
     * handshake timeout (30 s by default) ends it; the first message waits that long (seen in
     * MalformedMessagesIT; JeroMQ issue 912). Two seconds bounds that stall on loopback.
     */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);


    /** Receives every decoded message and every rejected one, on the pump thread. */
    interface Listener {
        void onMessage(JupyterMessage message);

        void onRejected(Channel channel, KernelProtocolException reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketPump.class);
    /** Upper bound on how long a stop request can go unnoticed if its wake-up frame is lost. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Channel[] PUMPED = {Channel.SHELL, Channel.CONTROL, Channel.STDIN, Channel.IOPUB};

    private final ZContext context;
    private final ClientCodec codec;
    private final Listener listener;
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final ZMQ.Socket outboxIn;
    private final ZMQ.Socket outboxOut;
    private final Thread thread;
    private volatile boolean running = true;

    SocketPump(ZContext context, ConnectionInfo info, byte[] identity, ClientCodec codec, Listener listener) {
        this.context = context;
        this.codec = codec;
        this.listener = listener;
        for (Channel channel : PUMPED) {
            ZMQ.Socket socket = context.createSocket(channel == Channel.IOPUB ? SocketType.SUB : SocketType.DEALER);
            socket.setLinger(0);
            socket.setHandshakeIvl((int) HANDSHAKE_TIMEOUT.toMillis());
            if (channel == Channel.IOPUB) {
                socket.subscribe(new byte[0]);
            } else {
                // Shell and stdin must share one identity: the kernel routes input_request to the
                // stdin peer whose identity matches the shell request that asked for input.
                socket.setIdentity(identity);
            }
            socket.connect(info.endpoint(channel));
            sockets.put(channel, socket);
        }
        String outboxEndpoint = "inproc://perflab-kernel-client-" + UUID.randomUUID();
        outboxIn = context.createSocket(SocketType.PAIR);
        outboxIn.setLinger(0);
        outboxIn.bind(outboxEndpoint);
        outboxOut = context.createSocket(SocketType.PAIR);
        outboxOut.setLinger(0);
        outboxOut.connect(outboxEndpoint);
        // Sockets created here are handed to the pump thread by Thread.start(), a happens-before edge.
        thread = new Thread(this::pump, "kernel-client-pump-" + info.port(Channel.SHELL));
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues frames for a channel; safe from any thread. */
    void send(Channel channel, List<byte[]> frames) {
        if (!sockets.containsKey(channel)) {
            throw new IllegalArgumentException("Cannot send on " + channel.wireName()
                    + "; requests go to shell, control or stdin");
        }
        if (!running) {
            throw new KernelException("Cannot send on " + channel.wireName() + ": the client is closed");
        }
        synchronized (outboxOut) {
            outboxOut.sendMore(new byte[]{(byte) channel.ordinal()});
            for (int i = 0; i < frames.size(); i++) {
                outboxOut.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (outboxOut) {
            // An empty frame is the stop signal; it only wakes the poll, the flag does the rest.
            outboxOut.send(new byte[0], ZMQ.DONTWAIT);
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Kernel client pump thread {} did not stop within {} ms; closing its context anyway",
                    thread.getName(), JOIN_TIMEOUT.toMillis());
        }
        synchronized (outboxOut) {
            outboxOut.close();
        }
    }

    private void pump() {
        ZMQ.Poller poller = context.createPoller(PUMPED.length + 1);
        int outboxIndex = poller.register(outboxIn, ZMQ.Poller.POLLIN);
        Map<Channel, Integer> indexes = new EnumMap<>(Channel.class);
        for (Channel channel : PUMPED) {
            indexes.put(channel, poller.register(sockets.get(channel), ZMQ.Poller.POLLIN));
        }
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                poller.poll(POLL_INTERVAL.toMillis());
                if (poller.pollin(outboxIndex)) {
                    forwardOutbox();
                }
                for (Channel channel : PUMPED) {
                    if (poller.pollin(indexes.get(channel))) {
                        receiveAll(channel);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Kernel client pump stopped by an unexpected error; no more messages will be received", e);
            }
        } finally {
            poller.close();
            for (ZMQ.Socket socket : sockets.values()) {
                socket.close();
            }
            outboxIn.close();
        }
    }

    private void forwardOutbox() {
        List<byte[]> frames;
        while ((frames = receiveMessage(outboxIn)) != null) {
            if (frames.get(0).length == 0) {
                continue; // stop signal
            }
            Channel channel = Channel.values()[frames.get(0)[0]];
            ZMQ.Socket socket = sockets.get(channel);
            for (int i = 1; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    private void receiveAll(Channel channel) {
        List<byte[]> frames;
        while ((frames = receiveMessage(sockets.get(channel))) != null) {
            JupyterMessage message;
            try {
                message = codec.decode(channel, frames);
            } catch (KernelProtocolException e) {
                listener.onRejected(channel, e);
                continue;
            }
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("Handling {} failed; the message is dropped", message, e);
            }
        }
    }

    /** All frames of the next message, or {@code null} when none is waiting. */
    private static List<byte[]> receiveMessage(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
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
}
