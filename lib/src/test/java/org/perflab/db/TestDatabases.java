package org.perflab.db;

import org.perflab.testing.Requirement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The two backends every db and pool test runs on: H2 in-process, and the PostgreSQL named by
 * {@code -Dperflab.test.jdbc.url}, {@code PERFLAB_JDBC_URL}, or 127.0.0.1:5432/test as postgres.
 * PostgreSQL tests are skipped when that server is unreachable, except under CI=true, where they fail.
 */
public final class TestDatabases {

    public static final String H2 = "h2";
    public static final String POSTGRES = "postgresql";
    private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabases() {
    }

    /** Parameter source for {@code @MethodSource("org.perflab.db.TestDatabases#backends")}. */
    public static List<String> backends() {
        return List.of(H2, POSTGRES);
    }

    /** An application name unique to one test, to find its connections in pg_stat_activity. */
    public static String uniqueApplicationName(String test) {
        return "perflab-test-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Database open(String backend, String applicationName) {
        return switch (backend) {
            case H2 -> DatabaseChooser.builder().settings(Optional.empty()).tryTestcontainers(false)
                    .tryEmbeddedPostgres(false).applicationName(applicationName).build().choose();
            case POSTGRES -> openPostgres(applicationName);
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
    }

    public static JdbcSettings postgresSettings() {
        String url = System.getProperty("perflab.test.jdbc.url");
        if (url == null) {
            url = System.getenv(JdbcSettings.URL_ENV);
        }
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            url = DEFAULT_POSTGRES_URL;
        }
        String user = System.getenv().getOrDefault(JdbcSettings.USER_ENV, "postgres");
        return new JdbcSettings(url, user, System.getenv(JdbcSettings.PASSWORD_ENV));
    }

    private static Database openPostgres(String applicationName) {
        try {
            return DatabaseChooser.builder().settings(Optional.of(postgresSettings()))
                    .applicationName(applicationName).build().choose();
        } catch (DatabaseUnavailableException e) {
            Requirement.skipUnlessCi(e, "PostgreSQL");
            throw e; // not reached: skipUnlessCi throws
        }
    }

    /** Connections PostgreSQL still has open for this application name, polling up to 3 s for them to go. */
    public static int openConnections(Database database, String applicationName) throws SQLException,
            InterruptedException {
        int count = -1;
        for (int attempt = 0; attempt < 30; attempt++) {
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                                 + " AND pid <> pg_backend_pid()")) {
                query.setString(1, applicationName);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    count = row.getInt(1);
                }
            }
            if (count == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return count;
    }

    public static boolean schemaExists(Database database, String schema) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }

    /** True when the schema has this table. */
    public static boolean tableExists(Schema schema, String table) throws SQLException {
        try (Connection connection = schema.database().dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, schema.name());
            query.setString(2, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }
}
