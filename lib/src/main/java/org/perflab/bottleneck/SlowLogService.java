package org.perflab.bottleneck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote logging service on 127.0.0.1 that acknowledges each line after a fixed delay, and a
 * blocking client for it: one line out, one byte back, on a plain socket kept open per calling
 * thread with Nagle off. A caller waiting for the acknowledgement shows up in Flight Recorder as a
 * {@code jdk.SocketRead} with its stack; with no delay a call costs a loopback round trip.
 */
final class SlowLogService implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "perflab-log-service");
        thread.setDaemon(true);
        return thread;
    });
    private final long delayMillis;
    private final AtomicLong received = new AtomicLong();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Socket> client = new ThreadLocal<>();

    SlowLogService(Duration delay) {
        this.delayMillis = delay.toMillis();
        try {
            server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the loopback logging service: " + e.getMessage(), e);
        }
        serverThreads.execute(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                serverThreads.execute(() -> serve(connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; BufferedReader lines = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            connection.setTcpNoDelay(true);
            OutputStream acks = connection.getOutputStream();
            while (lines.readLine() != null) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);   // the slow remote service
                }
                received.incrementAndGet();
                acks.write('k');
                acks.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client went away or the service is closing.
        }
    }

    /** Sends one line and waits for the acknowledgement. */
    void send(String line) throws IOException {
        Socket socket = client.get();
        if (socket == null || socket.isClosed()) {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            client.set(socket);
            clients.add(socket);
        }
        socket.getOutputStream().write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        if (socket.getInputStream().read() != 'k') {
            socket.close();
            throw new IOException("the logging service closed the connection without acknowledging the line");
        }
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket socket : clients) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        serverThreads.shutdownNow();
    }
}
