package org.perflab.db;

import javax.sql.DataSource;
import java.util.List;

/** Starts an {@link EmbeddedPostgresServer} and opens it as an experiment's {@link Database}. */
final class EmbeddedPostgresBackend {

    private EmbeddedPostgresBackend() {
    }

    static Database start(String applicationName, List<String> notes) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        try {
            String url = server.jdbcUrl();
            DataSource dataSource = ConnectionSources.postgres(url, EmbeddedPostgresServer.USER, null, applicationName,
                    DatabaseChooser.DEFAULT_CONNECT_TIMEOUT, DatabaseChooser.DEFAULT_SOCKET_TIMEOUT);
            notes.addAll(server.notes());
            return Database.open(Backend.EMBEDDED_POSTGRES, "127.0.0.1:" + server.port(), url,
                    EmbeddedPostgresServer.USER, dataSource, notes, server);
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }
}
