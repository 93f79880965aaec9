package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.testing.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Services
class ResourceSamplerIT {

    @Test
    void countsTheCpuALocalPostgresSpendsOnAQuery() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, TestDatabases.uniqueApplicationName("pgcpu"))) {
            assumeTrue(database.jdbcUrl().contains("127.0.0.1") || database.jdbcUrl().contains("localhost"),
                    "PostgreSQL's processes are only visible when it runs on this machine");
            Map<Long, Long> before = ResourceSampler.postgresTicksByProcess();
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                // A few hundred milliseconds of the server's CPU, none of ours.
                statement.executeQuery("select count(*) from generate_series(1, 5000000)").close();
                // Read while the backend lives: an exited process's times are gone from /proc.
                long ticks = ResourceSampler.postgresTicksSince(before);
                assertTrue(ticks >= 5, "the backend's CPU shows up in its /proc times: " + ticks + " ticks");
            }
        }
    }

}
