package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.testing.Services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real refusals from PostgreSQL, kept small with a role's CONNECTION LIMIT, and nothing left behind. */
@Services
class ServerLimitsIT {

    @Test
    void floodBeyondARolesLimitIsRefusedWith53300AndLeavesNoConnections() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("role-flood");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            String roleName;
            int[] heldAtPeak = {-1};
            int leftByFlood;
            ConnectionFlood.Result result;
            try (TemporaryRole role = TemporaryRole.create(database, "flood_test", 3)) {
                roleName = role.name();
                result = ConnectionFlood.openAndHold(role.dataSource(), 5,
                        () -> heldAtPeak[0] = ServerConnections.countForRole(database, role.name()));
                leftByFlood = ServerConnections.countForRole(database, role.name(), java.time.Duration.ofSeconds(3));
            }
            assertEquals(0, leftByFlood, "the flood left connections open for its role");
            System.out.println("[pool] " + result.describe());
            assertEquals(3, result.opened(), result.describe());
            assertEquals(2, result.tooManyClients(), result.describe());
            assertEquals(0, result.otherFailures(), result.describe());
            assertTrue(result.firstError().contains("too many connections for role"), result.firstError());
            assertEquals(3, heldAtPeak[0], "connections the role held while the flood waited");
            assertEquals(0, TestDatabases.openConnections(database, applicationName),
                    "connections left open for " + applicationName);
            assertFalse(roleExists(database, roleName), "role " + roleName + " was not dropped");
        }
    }

    @Test
    void floodClosesItsConnectionsWhenTheActionWhileHeldFails() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("flood-fails");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            SQLException thrown = assertThrows(SQLException.class, () -> ConnectionFlood.openAndHold(
                    database.dataSource(), 2, () -> {
                        throw new SQLException("look-up failed");
                    }));
            assertEquals("look-up failed", thrown.getMessage());
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
        }
    }

    @Test
    void closingARoleEndsItsLeftoverSessionsAndDropsIt() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("role-close");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            TemporaryRole role = TemporaryRole.create(database, "leftover");
            Connection forgotten = role.dataSource().getConnection();
            assertEquals(1, ServerConnections.countForRole(database, role.name()));
            role.close();
            role.close();
            assertTrue(role.isDropped());
            assertFalse(roleExists(database, role.name()));
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
            assertThrows(SQLException.class, () -> forgotten.createStatement().execute("SELECT 1"),
                    "the forgotten session should have been terminated");
            forgotten.close();
        }
    }

    @Test
    void serverConnectionsCountsAPoolsConnectionsAndReadsTheLimits() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("count");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            ServerConnections limits = ServerConnections.read(database);
            System.out.println("[pool] " + limits.describe());
            assertTrue(limits.maxConnections() >= 1, limits.describe());
            assertTrue(limits.superuserReservedConnections() >= 0, limits.describe());
            assertTrue(limits.freeForOrdinaryRoles() <= limits.freeForSuperusers(), limits.describe());
            try (ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(3).build()) {
                pool.dataSource().getConnection().close();
                assertEquals(3, awaitCount(database, applicationName, 3), "a fixed-size pool of 3 opens 3");
            }
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
        }
    }

    @Test
    void roleRejectsANameItCouldNotSpliceSafely() {
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES,
                TestDatabases.uniqueApplicationName("role-name"))) {
            IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                    () -> TemporaryRole.create(database, "x; DROP TABLE users"));
            assertTrue(name.getMessage().startsWith("purpose must be"), name.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TemporaryRole.create(database, "ok", -2));
        }
    }

    /** HikariCP fills a fixed-size pool in the background; wait up to 3 s for it. */
    private static int awaitCount(Database database, String applicationName, int expected) throws Exception {
        int count = 0;
        for (int attempt = 0; attempt < 30 && count != expected; attempt++) {
            count = ServerConnections.countForApplication(database, applicationName);
            if (count != expected) {
                Thread.sleep(100);
            }
        }
        return count;
    }

    private static boolean roleExists(Database database, String role) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }
}
