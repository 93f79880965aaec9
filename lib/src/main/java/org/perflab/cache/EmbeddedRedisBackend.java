package org.perflab.cache;

import java.util.List;

/** Starts an {@link EmbeddedRedisServer} and opens a client on it. */
final class EmbeddedRedisBackend {

    private EmbeddedRedisBackend() {
    }

    static Redis start(int timeoutMs, int maxConnections, List<String> notes) throws Exception {
        EmbeddedRedisServer server = EmbeddedRedisServer.start();
        notes.addAll(server.notes());
        return RedisChooser.openStarted(RedisBackend.EMBEDDED_SERVER, server.location(), server.url(), timeoutMs,
                maxConnections, notes, server);
    }
}
