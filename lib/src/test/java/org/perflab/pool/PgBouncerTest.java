package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PgBouncer configuration files, written without starting anything. Starting a real PgBouncer
 * is {@link PgBouncerIT}.
 */
class PgBouncerTest {

    @Test
    void iniTellsPgBouncerWhatTheExperimentNeeds(@TempDir Path directory) {
        PgBouncerConfig config = new PgBouncerConfig(directory, 16432, "127.0.0.1", 5432, "test", "app",
                "it's", PgBouncer.PoolMode.TRANSACTION, 4, 50);
        String ini = config.ini();
        assertTrue(ini.contains("test = host='127.0.0.1' port=5432 dbname='test' user='app' password='it''s'"), ini);
        assertTrue(ini.contains("listen_addr = 127.0.0.1\nlisten_port = 16432\nunix_socket_dir =\n"), ini);
        assertTrue(ini.contains("pool_mode = transaction\ndefault_pool_size = 4\nmax_db_connections = 4\n"), ini);
        assertTrue(ini.contains("ignore_startup_parameters = extra_float_digits"), ini);
        assertTrue(ini.contains("logfile = " + directory.resolve("pgbouncer.log")), ini);
        assertTrue(ini.contains("pidfile = " + directory.resolve("pgbouncer.pid")), ini);
        assertEquals("\"app\" \"it's\"\n", config.userlist());
        assertEquals("\"app\" \"\"\n", new PgBouncerConfig(directory, 1, "h", 1, "test", "app", null,
                PgBouncer.PoolMode.SESSION, 1, 1).userlist());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> new PgBouncerConfig(
                directory, 1, "h", 1, "my db", "app", null, PgBouncer.PoolMode.SESSION, 1, 1));
        assertTrue(name.getMessage().startsWith("database must be a name of letters, digits, _ and - "), name.getMessage());
        assertTrue(name.getMessage().contains(", was 'my db': "), name.getMessage());
    }
}
