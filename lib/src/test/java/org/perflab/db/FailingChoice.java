package org.perflab.db;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chooser on settings that cannot work: it must fail with {@link DatabaseUnavailableException}
 * and must not hang. The limit a caller passes says what ended the wait: one below the connect
 * timeout shows the failure came first; one above it shows the timeout was applied at all.
 */
final class FailingChoice {

    private FailingChoice() {
    }

    static DatabaseUnavailableException assertFailsWithin(Duration limit, JdbcSettings settings,
                                                          Duration connectTimeout) {
        long start = System.nanoTime();
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> DatabaseChooser.builder().settings(Optional.of(settings))
                        .connectTimeout(connectTimeout).build().choose());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[chooser] failed in " + elapsedMs + " ms: " + e.getMessage());
        assertTrue(elapsedMs < limit.toMillis(), "took " + elapsedMs + " ms, limit " + limit.toMillis() + " ms");
        return e;
    }
}
