package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.db.TestDatabases;
import org.perflab.testing.Services;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HikariCP pools on both backends: exhaustion, the schema and the connection source, nothing left open. */
@Services
class PoolIT {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void exhaustedPoolFailsWithHikariMessageCarryingPoolState(String backend) throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("exhaust");
        try (Database database = TestDatabases.open(backend, applicationName)) {
            try (ExperimentPool pool = ExperimentPool.builder(database).name("exhaust-" + backend).maximumPoolSize(2)
                    .connectionTimeout(ExperimentPool.MIN_CONNECTION_TIMEOUT).build()) {
                ExhaustionResult result = PoolExhaustion.borrowOneTooMany(pool);
                System.out.println("[pool] " + backend + " " + result.describe());
                assertEquals(SQLTransientConnectionException.class.getName(), result.exceptionType());
                assertTrue(result.message().contains("exhaust-" + backend + " - Connection is not available"),
                        result.message());
                assertTrue(result.message().contains("total=2, active=2, idle=0"), result.message());
                assertTrue(result.waitedMs() >= 200, "waited only " + result.waitedMs() + " ms");
                assertEquals(2, result.held());
            }
            if (database.isPostgres()) {
                assertEquals(0, TestDatabases.openConnections(database, applicationName),
                        "connections left open for " + applicationName);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void everyPooledConnectionUsesTheExperimentsSchema(String backend) throws Exception {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("schema"));
             Schema schema = Schema.create(database, "schema");
             ExperimentPool pool = ExperimentPool.builder(database).name("schema-" + backend).maximumPoolSize(2)
                     .schema(schema).build()) {
            pool.awaitFilled(Duration.ofSeconds(5));
            // Hold both, so the check covers each physical connection, not whichever comes first twice.
            try (Connection first = pool.dataSource().getConnection();
                 Connection second = pool.dataSource().getConnection()) {
                assertEquals(schema.name(), currentSchema(first));
                assertEquals(schema.name(), currentSchema(second));
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            return row.getString(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void poolOpensItsConnectionsFromTheConnectionSourceItIsGiven(String backend) throws Exception {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("source"));
             Schema schema = Schema.create(database, "source");
             ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(2)
                     .connectionSource(schema.dataSource()).build()) {
            pool.awaitFilled(Duration.ofSeconds(5));
            assertEquals(2, pool.snapshot().total(), "awaitFilled returned before both connections were open");
            try (Connection connection = pool.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                assertEquals(schema.name(), row.getString(1), "the schema data source's connections, not the database's");
            }
        }
    }

    @Test
    void floodOfAFewConnectionsOnPostgresOpensThemAllAndClosesThem() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("flood");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            ConnectionFlood.Result result = ConnectionFlood.openAndHold(database.dataSource(), 3);
            assertEquals(3, result.opened(), result.describe());
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
        }
    }

}
