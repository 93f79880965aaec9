package org.perflab.db;

import org.perflab.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The database an experiment got, and which one it is: backend, product and version, where it runs,
 * its JDBC URL (never with a password) and a {@link DataSource}. Print {@link #describe()} as a
 * notebook's first output, so every number below it can be read against the right backend.
 *
 * <p>Get one with {@link #connect()} (the order is documented on {@link DatabaseChooser}). Closing it
 * stops a container or embedded server this library started; a configured database is left running.
 *
 * <p>Surprise: on {@link Backend#H2_IN_PROCESS} a "query" is a method call inside this JVM, so
 * round-trip and connection costs that dominate N+1 and pooling experiments on a real server are
 * absent; {@link #notes()} says so and {@link #describe()} repeats it.
 */
public final class Database implements AutoCloseable {

    private final Backend backend;
    private final String productName;
    private final String productVersion;
    private final String location;
    private final String jdbcUrl;
    private final String user;
    private final DataSource dataSource;
    private final List<String> notes;
    private final AutoCloseable onClose;

    private Database(Backend backend, String productName, String productVersion, String location, String jdbcUrl,
                     String user, DataSource dataSource, List<String> notes, AutoCloseable onClose) {
        this.backend = backend;
        this.productName = productName;
        this.productVersion = productVersion;
        this.location = location;
        this.jdbcUrl = JdbcUrls.withoutPassword(jdbcUrl);
        this.user = user;
        this.dataSource = dataSource;
        this.notes = List.copyOf(notes);
        this.onClose = onClose;
    }

    /** The first backend that works, in {@link DatabaseChooser}'s order, with default settings. */
    public static Database connect() {
        return DatabaseChooser.builder().build().choose();
    }

    /**
     * Opens one connection to read the product name and version, then registers the result with
     * {@link Environment#registerBackend}. Throws the driver's exception when that connection fails.
     */
    static Database open(Backend backend, String location, String jdbcUrl, String user, DataSource dataSource,
                         List<String> notes, AutoCloseable onClose) throws SQLException {
        String productName;
        String productVersion;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            productName = metaData.getDatabaseProductName();
            productVersion = metaData.getDatabaseProductVersion();
        }
        Database database = new Database(backend, productName, productVersion, location, jdbcUrl, user, dataSource,
                notes, onClose);
        Environment.registerBackend("database", database.describe());
        return database;
    }

    public Backend backend() {
        return backend;
    }

    /** As the driver reports it: "PostgreSQL", "H2". */
    public String productName() {
        return productName;
    }

    /** As the driver reports it: "15.20 (Debian 15.20-0+deb12u1)", "2.3.232 (2024-08-11)". */
    public String productVersion() {
        return productVersion;
    }

    /** Where the server runs: "127.0.0.1:5432", "this JVM", "container on localhost:49153". */
    public String location() {
        return location;
    }

    /** The JDBC URL with any password masked. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user the data source connects as, or null when the URL or driver decides. */
    public String user() {
        return user;
    }

    /** Unpooled: every {@code getConnection()} opens a new physical connection (that cost is a lesson). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Caveats and the reasons earlier backends were skipped, in order. */
    public List<String> notes() {
        return notes;
    }

    public boolean isPostgres() {
        return "PostgreSQL".equalsIgnoreCase(productName);
    }

    /**
     * One line for a notebook's first output, e.g. {@code "database: PostgreSQL 15.20 (configured URL)
     * at 127.0.0.1:5432, jdbc:postgresql://127.0.0.1:5432/test"}, followed by the notes.
     */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append("database: ").append(productName).append(' ').append(shortVersion())
                .append(" (").append(backend.label())
                .append(location.startsWith("this JVM") ? ") in " : ") at ").append(location)
                .append(", ").append(jdbcUrl);
        for (String note : notes) {
            line.append("; ").append(note);
        }
        return line.toString();
    }

    private String shortVersion() {
        int space = productVersion.indexOf(' ');
        return space < 0 ? productVersion : productVersion.substring(0, space);
    }

    /** Stops what this library started (container, embedded server, in-memory H2); idempotent. */
    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + backend.label() + " at " + location + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
