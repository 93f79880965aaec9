package org.perflab.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.testing.Services;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers this test starts and stops itself (never the machine's): a stop mid-run, and a one-node cluster. */
@Services
class RedisFailureIT {

    @Test
    void aServerStoppedInTheMiddleOfAnExperimentFailsItWithinSecondsNamingTheServer() throws Exception {
        int port = RedisChooserTest.closedPort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        server.start();
        ExecutorService experiment = Executors.newSingleThreadExecutor();
        try (Redis redis = RedisChooser.builder().settings(Optional.of(new RedisSettings("redis://127.0.0.1:" + port)))
                .build().choose()) {
            RedisStore store = new RedisStore(redis.keySpace("stopped"), null);
            Future<Long> reads = experiment.submit(() -> {
                long count = 0;
                while (true) {
                    store.put("k", "v" + count);
                    store.get("k");
                    count++;
                }
            });
            Thread.sleep(200);
            long stoppedAt = System.nanoTime();
            server.stop();
            java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> reads.get(10, TimeUnit.SECONDS));
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertTrue(seconds < 5, "the experiment noticed after " + seconds + " s");
            RedisUnavailableException error = assertInstanceOf(RedisUnavailableException.class, failure.getCause());
            assertTrue(error.getMessage().contains("127.0.0.1:" + port), error.getMessage());
            assertTrue(error.getMessage().contains("redis-server --port"), error.getMessage());
        } finally {
            experiment.shutdownNow();
            if (server.isActive()) {
                server.stop();
            }
        }
    }

    @Test
    void aClusterNodesUrlSwitchesToTheClusterClient(@TempDir Path directory) throws Exception {
        int port = RedisChooserTest.closedPort();
        RedisServer node = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("cluster-enabled yes")
                .setting("cluster-config-file " + directory.resolve("nodes.conf"))
                .build();
        node.start();
        try {
            ownEverySlot(port);
            try (Redis redis = RedisChooser.builder().settings(Optional.of(new RedisSettings("redis://127.0.0.1:" + port)))
                    .build().choose()) {
                assertTrue(redis.isCluster(), redis.describe());
                assertInstanceOf(RedisClusterClient.class, redis.client());
                assertTrue(redis.describe().contains(" cluster (configured URL)"), redis.describe());
                RedisKeySpace space = redis.keySpace("cluster_test");
                RedisStore store = new RedisStore(space, Duration.ofMinutes(1));
                IntStream.range(0, 300).forEach(i -> store.put("k" + i, "v" + i));
                assertEquals("v7", store.get("k7"));
                RedisPipelining.Result result = RedisPipelining.compare(space, 500, 0, 1);
                assertEquals(1, result.pipelined().count());
                assertEquals(800, space.count());
                space.close();
                assertEquals(0, space.count());
            }
        } finally {
            node.stop();
        }
    }

    /** A one-node cluster: the node takes all 16,384 slots; CLUSTER INFO then says ok. */
    private static void ownEverySlot(int port) throws IOException, InterruptedException {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
            int[] slots = IntStream.range(0, 16_384).toArray();
            jedis.clusterAddSlots(slots);
            for (int attempt = 0; attempt < 100; attempt++) {
                if (jedis.clusterInfo().contains("cluster_state:ok")) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IOException("the one-node cluster on port " + port + " never reached cluster_state:ok");
        }
    }
}
