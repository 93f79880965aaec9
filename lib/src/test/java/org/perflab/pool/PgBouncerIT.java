package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.testing.Requirement;
import org.perflab.testing.Services;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A throwaway PgBouncer starts, pools, and leaves nothing behind. The lifecycle tests need
 * PostgreSQL and the pgbouncer program: skipped without them, except under CI=true, where a
 * missing pgbouncer fails (CI installs it).
 */
@Services
class PgBouncerIT {

    @Test
    void builderRejectsH2AndImpossibleSizes() {
        try (Database h2 = TestDatabases.open(TestDatabases.H2, TestDatabases.uniqueApplicationName("bouncer-h2"))) {
            IllegalArgumentException notPostgres = assertThrows(IllegalArgumentException.class,
                    () -> PgBouncer.builder(h2));
            assertTrue(notPostgres.getMessage().startsWith("PgBouncer needs PostgreSQL"), notPostgres.getMessage());
        }
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES,
                TestDatabases.uniqueApplicationName("bouncer-sizes"))) {
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> PgBouncer.builder(database).defaultPoolSize(0));
            assertTrue(size.getMessage().startsWith("defaultPoolSize must be between 1 and 1000, was 0: "),
                    size.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PgBouncer.builder(database).maxClientConnections(0));
        }
    }

    @Test
    void aProgramThatFailsToStartIsReportedWithItsOutputAndLeavesNothing(@TempDir Path scratch) throws Exception {
        // Stands in for a broken installation: answers --version, then dies the way PgBouncer does on a bad ini.
        Path fake = scratch.resolve("pgbouncer");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'PgBouncer 0.0-fake'; exit 0; fi\n"
                + "echo 'FATAL cannot load config file' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES,
                TestDatabases.uniqueApplicationName("bouncer-fail"))) {
            List<Path> before = bouncerDirectories();
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> PgBouncer.builder(database).executable(fake).start());
            assertTrue(failure.getMessage().contains("exit code 1"), failure.getMessage());
            assertTrue(failure.getMessage().contains("FATAL cannot load config file"), failure.getMessage());
            assertEquals(before, bouncerDirectories(), "the failed start left its directory behind");
        }
    }

    @Test
    void transactionPoolingServesManyClientsOnFewServerConnectionsAndStopsCleanly() throws Exception {
        requirePgBouncer();
        String applicationName = TestDatabases.uniqueApplicationName("bouncer");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            PgBouncer bouncer = PgBouncer.builder(database).defaultPoolSize(2).start();
            Path directory = bouncer.directory();
            long pid = bouncer.pid();
            int port = bouncer.port();
            int clients = 8;
            try {
                System.out.println("[pool] " + bouncer);
                assertTrue(bouncer.version().startsWith("PgBouncer "), bouncer.version());
                assertTrue(bouncer.isRunning());
                assertEquals(applicationName + "-pgbouncer", bouncer.applicationName());
                // Connect every client first, one after another, while PgBouncer has one server connection;
                // then make them all busy at once, so PgBouncer opens the second one.
                List<Connection> connections = new ArrayList<>();
                ExecutorService threads = Executors.newFixedThreadPool(clients);
                try {
                    for (int client = 0; client < clients; client++) {
                        connections.add(bouncer.dataSource().getConnection());
                    }
                    List<Future<Integer>> sums = new ArrayList<>();
                    for (int client = 0; client < clients; client++) {
                        Connection connection = connections.get(client);
                        int offset = client;
                        sums.add(threads.submit(() -> sumThrough(connection, offset)));
                    }
                    for (int client = 0; client < clients; client++) {
                        // 10 executions of one PreparedStatement, past pgjdbc's default prepareThreshold of 5.
                        assertEquals(10 * client + 45, sums.get(client).get(30, TimeUnit.SECONDS));
                    }
                } finally {
                    threads.shutdownNow();
                    for (Connection connection : connections) {
                        connection.close();
                    }
                }
                assertEquals(2, ServerConnections.countForApplication(database, bouncer.applicationName()),
                        clients + " clients at once should have needed both server connections, and no more");
            } finally {
                bouncer.close();
            }
            bouncer.close();
            assertFalse(bouncer.isRunning());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pgbouncer " + pid + " lives on");
            assertFalse(Files.exists(directory), directory + " was not deleted");
            assertEquals(0, TestDatabases.openConnections(database, bouncer.applicationName()),
                    "server connections PgBouncer left open");
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
            assertThrows(java.io.IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                }
            }, "something still listens on PgBouncer's port " + port);
        }
    }

    @Test
    void anApplicationPoolCanSitInFrontOfPgBouncerAndEveryServerConnectionCarriesItsName() throws Exception {
        requirePgBouncer();
        String applicationName = TestDatabases.uniqueApplicationName("bouncer-hikari");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName);
             PgBouncer bouncer = PgBouncer.builder(database).defaultPoolSize(2).start();
             ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(4)
                     .connectionSource(bouncer.dataSource()).build()) {
            // The pool's 4 connections open while PgBouncer has at most one server connection.
            pool.awaitFilled(java.time.Duration.ofSeconds(10));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> doubled = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int value = i;
                    doubled.add(threads.submit(() -> {
                        try (Connection connection = pool.dataSource().getConnection();
                             PreparedStatement query = connection.prepareStatement(
                                     "SELECT ?::int * 2 FROM pg_sleep(0.05)")) {
                            query.setInt(1, value);
                            try (ResultSet row = query.executeQuery()) {
                                row.next();
                                return row.getInt(1);
                            }
                        }
                    }));
                }
                for (int i = 0; i < 4; i++) {
                    assertEquals(2 * i, doubled.get(i).get(30, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(0, ServerConnections.countForApplication(database, applicationName),
                    "the pool's connections go to PgBouncer, not to the server under the database's name");
            // Named at startup, PgBouncer sets the name on each server connection it lends; a
            // "SET application_name" after connecting would have named only the first one.
            assertEquals(2, ServerConnections.countForApplication(database, bouncer.applicationName()));
        }
    }

    private static int sumThrough(Connection connection, int offset) throws Exception {
        try (var sleep = connection.createStatement()) {
            sleep.execute("SELECT pg_sleep(0.05)");   // all clients at once, so PgBouncer needs both connections
        }
        int sum = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT ?::int + ?::int")) {
            for (int i = 0; i < 10; i++) {
                query.setInt(1, i);
                query.setInt(2, offset);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    sum += row.getInt(1);
                }
            }
        }
        return sum;
    }

    private static List<Path> bouncerDirectories() throws Exception {
        try (var paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("perflab-pgbouncer-")).sorted()
                    .toList();
        }
    }

    private static void requirePgBouncer() {
        Requirement.require(PgBouncer.executable().isPresent(), "pgbouncer", "apt-get install pgbouncer");
    }
}
