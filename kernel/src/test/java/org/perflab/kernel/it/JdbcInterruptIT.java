package org.perflab.kernel.it;

import org.perflab.testing.Requirement;
import org.perflab.testing.Services;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.Execution;
import org.perflab.kernel.client.ExecutionResult;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A query blocked on a real PostgreSQL server ignores Thread.interrupt; the kernel cancels it
 * through the library's data source, so the cell stops within a second and keeps its JVM.
 */
@Services
class JdbcInterruptIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedKernel shared = new SharedKernel(
            "PERFLAB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test",
            "PERFLAB_JDBC_USER", "postgres");

    @BeforeAll
    static void needsPostgres() {
        boolean up;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2_000);
            up = true;
        } catch (java.io.IOException e) {
            up = false;
        }
        Requirement.require(up, "PostgreSQL on 127.0.0.1:5432", "start it (see the README's Databases section)");
    }

    @Test
    void aBlockedQueryIsCancelledAndStateKept() throws Exception {
        ExecutionResult setup = shared.client().execute(
                "import org.perflab.db.*;\n"
                        + "Database db = Database.connect();\n"
                        + "javax.sql.DataSource counted = StatementCounter.named(\"interrupt\").wrap(db.dataSource());\n"
                        + "int keptAcrossCancel = 7;", TIMEOUT);
        assertEquals("ok", setup.status(), setup.toString());
        Execution query = shared.client().submit(
                "try (var c = counted.getConnection(); var s = c.createStatement()) { s.execute(\"select pg_sleep(30)\"); }",
                ExecuteOptions.defaults());
        Thread.sleep(1_000);
        long sent = System.nanoTime();
        shared.client().interrupt(TIMEOUT);
        ExecutionResult result = query.await(TIMEOUT);
        long stoppedMs = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("pg_sleep(30) stopped " + stoppedMs + " ms after the interrupt: " + result.error().orElseThrow());
        assertEquals("error", result.status());
        assertTrue(stoppedMs < 2_000, "stopped after " + stoppedMs + " ms");
        assertEquals("7", shared.client().execute("keptAcrossCancel", TIMEOUT).resultText().orElseThrow(),
                "the JVM was kept: the statement was cancelled, not the process");
        shared.client().execute("db.close();", TIMEOUT);
    }
}
