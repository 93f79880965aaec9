package org.perflab.kernel.wire;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Echoes heartbeat pings at once, on a thread of its own, so a frontend sees the kernel alive even
 * while a cell keeps the shell busy. (jjava-jupyter's heartbeat sleeps 500 ms between polls.)
 */
final class Heartbeat {

    private static final int RECEIVE_TIMEOUT_MS = 250;

    private final ZMQ.Socket socket;
    private final Thread thread;
    private volatile boolean running = true;

    Heartbeat(ZMQ.Context context, String address) {
        this.socket = context.socket(SocketType.REP);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setLinger(0);
        socket.bind(address);
        this.thread = new Thread(this::run, "perflab-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            byte[] ping = socket.recv(0);
            if (ping != null) {
                socket.send(ping, 0);
            }
        }
        socket.close();
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
