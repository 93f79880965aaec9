package org.perflab.pool;

import org.perflab.db.Database;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;

/**
 * Copies of a PostgreSQL {@link Database}'s own pgjdbc data source, so a connection made as another
 * role or through PgBouncer keeps the database's timeouts and application name.
 */
final class PostgresSources {

    private PostgresSources() {
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless the database is PostgreSQL. */
    static void requirePostgres(Database database, String what) {
        if (!database.isPostgres()) {
            throw new IllegalArgumentException(what + " needs PostgreSQL, but the database is " + database.productName()
                    + " (" + database.backend().label() + "); set PERFLAB_JDBC_URL to a PostgreSQL server");
        }
    }

    /** A new pgjdbc data source with every setting of the database's, user and password included. */
    static PGSimpleDataSource copyOf(Database database) {
        PGSimpleDataSource original = original(database);
        PGSimpleDataSource copy = new PGSimpleDataSource();
        // getURL() carries every connection property except the credentials, which are copied apart.
        copy.setURL(original.getURL());
        copy.setUser(original.getUser());
        copy.setPassword(original.getPassword());
        return copy;
    }

    /** The database's own pgjdbc data source (read only: never change it). */
    static PGSimpleDataSource original(Database database) {
        requirePostgres(database, "this experiment");
        try {
            return database.dataSource().unwrap(PGSimpleDataSource.class);
        } catch (SQLException e) {
            throw new IllegalArgumentException("the database's data source is not pgjdbc's PGSimpleDataSource ("
                    + database.dataSource().getClass().getName() + "), so its settings cannot be copied", e);
        }
    }
}
