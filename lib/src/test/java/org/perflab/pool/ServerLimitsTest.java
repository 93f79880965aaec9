package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-limit experiments refuse H2 with the reason. On PostgreSQL they are {@link ServerLimitsIT}.
 */
class ServerLimitsTest {

    @Test
    void postgresOnlyExperimentsSayWhyOnH2() {
        try (Database database = TestDatabases.open(TestDatabases.H2, TestDatabases.uniqueApplicationName("h2"))) {
            IllegalArgumentException read = assertThrows(IllegalArgumentException.class,
                    () -> ServerConnections.read(database));
            assertTrue(read.getMessage().contains("needs PostgreSQL, but the database is H2"), read.getMessage());
            IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                    () -> TemporaryRole.create(database, "x"));
            assertTrue(role.getMessage().contains("a temporary role needs PostgreSQL"), role.getMessage());
        }
    }
}
