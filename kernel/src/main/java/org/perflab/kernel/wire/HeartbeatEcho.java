package org.perflab.kernel.wire;

import java.time.Duration;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Echoes heartbeat pings at once, on a thread of its own, so a frontend sees the kernel alive even
 * while a cell keeps the shell busy. (jjava-jupyter's heartbeat sleeps 500 ms between polls.) It is a
 * ROUTER that sends every message back whole, as ipykernel's is: a REP socket has a receive/send
 * lockstep that a client vanishing mid-ping can leave stuck.
 */
final class HeartbeatEcho {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(250);

    private final ZMQ.Socket socket;
    private final Thread thread;
    private volatile boolean running = true;

    HeartbeatEcho(ZMQ.Context context, String address) {
        this.socket = context.socket(SocketType.ROUTER);
        socket.setReceiveTimeOut((int) RECEIVE_TIMEOUT.toMillis());
        socket.setLinger(0);
        socket.bind(address);
        this.thread = new Thread(this::run, "perflab-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                echoOne();
            } catch (RuntimeException e) {
                // A broken ping must not end the heartbeat: the next one is answered as usual.
                java.util.logging.Logger.getLogger(HeartbeatEcho.class.getName()).warning("heartbeat: " + e);
            }
        }
        socket.close();
    }

    /** Receives one multipart ping (peer identity, envelope, payload) and sends it back unchanged. */
    private void echoOne() {
        byte[] first = socket.recv(0);
        if (first == null) {
            return;
        }
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? org.zeromq.ZMQ.SNDMORE : 0);
        }
    }

    void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
