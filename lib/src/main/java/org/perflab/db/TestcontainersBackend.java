package org.perflab.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import javax.sql.DataSource;
import java.util.List;

/** Loaded only after {@link OptionalBackends} found the Testcontainers jar and a Docker endpoint. */
final class TestcontainersBackend {

    /** The same major version as the machine's server, so figures compare. */
    static final String IMAGE = "postgres:15-alpine";

    private TestcontainersBackend() {
    }

    static boolean isDockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static Database start(String applicationName, List<String> notes) throws Exception {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
        container.start();
        try {
            DataSource dataSource = ConnectionSources.postgres(container.getJdbcUrl(), container.getUsername(),
                    container.getPassword(), applicationName, DatabaseChooser.DEFAULT_CONNECT_TIMEOUT,
                    DatabaseChooser.DEFAULT_SOCKET_TIMEOUT);
            notes.add("container " + IMAGE + " is stopped by Database.close()");
            return Database.open(Backend.TESTCONTAINERS, "container on " + container.getHost() + ":"
                            + container.getFirstMappedPort(), container.getJdbcUrl(), container.getUsername(),
                    dataSource, notes, container::stop);
        } catch (Exception e) {
            container.stop();
            throw e;
        }
    }
}
