package org.perflab.cache;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Loaded only after {@link RedisChooser} found the embedded-redis jar. Unlike PostgreSQL's initdb,
 * redis-server runs as root too. Persistence is off: the experiments need none, and a snapshot fork
 * in the middle of a measurement would show up in its tail.
 */
final class EmbeddedRedisBackend {

    private static final String LOOPBACK = "127.0.0.1";

    private EmbeddedRedisBackend() {
    }

    static Redis start(int timeoutMs, int maxConnections, List<String> notes) throws Exception {
        int port = freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind(LOOPBACK)
                .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
        server.start();
        notes.add("embedded redis-server is a child process, stopped by Redis.close()");
        return RedisChooser.openStarted(RedisBackend.EMBEDDED_SERVER, "child process on " + LOOPBACK + ":" + port,
                "redis://" + LOOPBACK + ":" + port, timeoutMs, maxConnections, notes, server::stop);
    }

    /** A port nobody listens on right now; the server binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }
}
