package org.perflab.db;

import org.perflab.check.Require;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Picks an experiment's database, first that works:
 * <ol>
 *   <li>the JDBC URL the user configured ({@link JdbcSettings}); if it is set but fails, that is an
 *       error, not a reason to fall back, because the user asked for that server;</li>
 *   <li>Testcontainers PostgreSQL, when its jar is on the classpath and a Docker engine answers;</li>
 *   <li>embedded PostgreSQL ({@link EmbeddedPostgresServer}), when this platform's binaries are on the class
 *       path; a real server on loopback, run as {@code nobody} when this process is root;</li>
 *   <li>H2 in this JVM, with a note that round trips and connection costs are absent.</li>
 * </ol>
 * Each skipped step leaves its reason in {@link Database#notes()}.
 */
public final class DatabaseChooser {

    /** pgjdbc connect and login timeout: a wrong host or port fails within this. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The shortest connect timeout: pgjdbc counts whole seconds. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** The longest connect timeout: a notebook should not wait longer than a minute for a server that is not there. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** A read that never returns; long enough for a COPY of a million rows or a slow demo query. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);
    public static final String DEFAULT_APPLICATION_NAME = "perflab";

    private final Optional<JdbcSettings> settings;
    private final boolean tryTestcontainers;
    private final boolean tryEmbeddedPostgres;
    private final String applicationName;
    private final Duration connectTimeout;

    private DatabaseChooser(Builder builder) {
        this.settings = builder.settings;
        this.tryTestcontainers = builder.tryTestcontainers;
        this.tryEmbeddedPostgres = builder.tryEmbeddedPostgres;
        this.applicationName = builder.applicationName;
        this.connectTimeout = builder.connectTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first backend that works; throws {@link DatabaseUnavailableException} for a failing configured URL. */
    public Database choose() {
        if (settings.isPresent()) {
            return openConfigured(settings.get());
        }
        List<String> notes = new ArrayList<>();
        notes.add("no " + JdbcSettings.URL_ENV + " set");
        if (tryTestcontainers) {
            Optional<Database> container = OptionalBackends.testcontainers(applicationName, notes);
            if (container.isPresent()) {
                return container.get();
            }
        } else {
            notes.add("Testcontainers skipped: disabled");
        }
        if (tryEmbeddedPostgres) {
            Optional<Database> embedded = OptionalBackends.embeddedPostgres(applicationName, notes);
            if (embedded.isPresent()) {
                return embedded.get();
            }
        } else {
            notes.add("embedded PostgreSQL skipped: disabled");
        }
        return openH2(notes);
    }

    private Database openConfigured(JdbcSettings configured) {
        String url = configured.url();
        DataSource dataSource = JdbcUrls.isPostgres(url)
                ? ConnectionSources.postgres(url, configured.user(), configured.password(), applicationName,
                        connectTimeout, DEFAULT_SOCKET_TIMEOUT)
                : ConnectionSources.driverManager(url, configured.user(), configured.password(), connectTimeout);
        long startNanos = System.nanoTime();
        try {
            return Database.open(Backend.CONFIGURED_URL, locationOf(url), url, configured.user(), dataSource,
                    List.of(), () -> { });
        } catch (SQLException | RuntimeException e) {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            throw new DatabaseUnavailableException(failureMessage(configured, elapsedMs, e), e);
        }
    }

    private Database openH2(List<String> notes) {
        // One in-memory database per call; DB_CLOSE_DELAY keeps it alive between connections until close().
        String url = "jdbc:h2:mem:perflab_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        DataSource dataSource = ConnectionSources.h2(url);
        notes.add("NOTE: H2 runs inside this JVM, so network round trips and connection costs are absent;"
                + " set " + JdbcSettings.URL_ENV + " to measure a real server");
        try {
            return Database.open(Backend.H2_IN_PROCESS, "this JVM", url, "sa", dataSource, notes,
                    () -> shutdownH2(dataSource));
        } catch (SQLException e) {
            throw new IllegalStateException("H2 in-memory database failed to open at " + url + ": " + e, e);
        }
    }

    private static void shutdownH2(DataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    private String failureMessage(JdbcSettings configured, long elapsedMs, Exception e) {
        String sqlState = e instanceof SQLException sql ? sql.getSQLState() : null;
        return "Could not connect to the configured database " + JdbcUrls.withoutPassword(configured.url())
                + " as user " + (configured.user() == null ? "(driver default)" : "'" + configured.user() + "'")
                + " after " + elapsedMs + " ms (timeout " + ConnectionSources.wholeSeconds(connectTimeout) + " s): " + e.getMessage()
                + (sqlState == null ? "" : " [SQLState " + sqlState + "]")
                + ". " + hintFor(sqlState)
                + " The URL comes from " + JdbcSettings.URL_ENV + " (or -D" + JdbcSettings.URL_PROPERTY
                + "), credentials from " + JdbcSettings.USER_ENV + " and " + JdbcSettings.PASSWORD_ENV
                + "; unset " + JdbcSettings.URL_ENV + " to fall back to Testcontainers, embedded PostgreSQL or H2.";
    }

    private static String hintFor(String sqlState) {
        if (sqlState == null) {
            return "Check " + JdbcSettings.URL_ENV + ".";
        }
        if (sqlState.startsWith("28")) {
            return "The server rejected the credentials: check " + JdbcSettings.USER_ENV + " and "
                    + JdbcSettings.PASSWORD_ENV + ".";
        }
        if (sqlState.equals("3D000")) {
            return "The database in the URL does not exist: fix the name in " + JdbcSettings.URL_ENV + ".";
        }
        if (sqlState.startsWith("08")) {
            return "No server answered at that host and port: start it, or fix host and port in "
                    + JdbcSettings.URL_ENV + ".";
        }
        return "Check " + JdbcSettings.URL_ENV + ".";
    }

    /** "host:port" from a network JDBC URL, or the text after the subprotocol when there is none. */
    static String locationOf(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return JdbcUrls.isH2(url) ? "this JVM" : "localhost (driver default)";
        }
        int end = slashes + 2;
        while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(slashes + 2, end);
    }

    /** Builder; defaults read the environment and try every backend. */
    public static final class Builder {
        private Optional<JdbcSettings> settings = JdbcSettings.fromEnvironment();
        private boolean tryTestcontainers = true;
        private boolean tryEmbeddedPostgres = true;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder() {
        }

        /** Overrides what the environment says (tests, or a notebook comparing two servers). */
        public Builder settings(Optional<JdbcSettings> settings) {
            this.settings = settings;
            return this;
        }

        public Builder tryTestcontainers(boolean tryTestcontainers) {
            this.tryTestcontainers = tryTestcontainers;
            return this;
        }

        public Builder tryEmbeddedPostgres(boolean tryEmbeddedPostgres) {
            this.tryEmbeddedPostgres = tryEmbeddedPostgres;
            return this;
        }

        /** Shown in PostgreSQL's pg_stat_activity, so an experiment can find (and count) its own connections. */
        public Builder applicationName(String applicationName) {
            Require.that(applicationName != null && !applicationName.isBlank() && applicationName.length() <= 63,
                    "applicationName", applicationName == null ? null : "'" + applicationName + "'",
                    "1 to 63 characters (PostgreSQL's NAMEDATALEN limit)",
                    "give a short name an experiment can find in pg_stat_activity, e.g. \"perflab-pool\"");
            this.applicationName = applicationName;
            return this;
        }

        /**
         * pgjdbc's connect and login timeout, 1 to 60 s. Default 5 s. pgjdbc counts whole seconds, so a fraction
         * rounds up.
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Require.between("connectTimeout", connectTimeout, MIN_CONNECT_TIMEOUT,
                    MAX_CONNECT_TIMEOUT, "give 1 to 60 s, e.g. Duration.ofSeconds(5)");
            return this;
        }

        public DatabaseChooser build() {
            return new DatabaseChooser(this);
        }
    }
}
