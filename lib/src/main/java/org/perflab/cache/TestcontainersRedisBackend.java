package org.perflab.cache;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/** Loaded only after {@link RedisChooser} found the Testcontainers jar and a Docker engine that answers. */
final class TestcontainersRedisBackend {

    /** The same major version as the machine's server, so figures compare. */
    static final String IMAGE = "redis:7-alpine";
    private static final int REDIS_PORT = 6379;

    private TestcontainersRedisBackend() {
    }

    static Redis start(int timeoutMs, int maxConnections, List<String> notes) throws Exception {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(REDIS_PORT);
        container.start();
        String hostPort = container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
        notes.add("container " + IMAGE + " is stopped by Redis.close()");
        return RedisChooser.openStarted(RedisBackend.TESTCONTAINERS, "container on " + hostPort, "redis://" + hostPort,
                timeoutMs, maxConnections, notes, container::stop);
    }
}
