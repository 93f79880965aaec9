package org.perflab.env;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentTest {

    @Test
    void credentialsAndOptionsNeverReachTheTable() {
        assertEquals("redis://127.0.0.1:6379/0", Environment.withoutCredentials("redis://me:secret@127.0.0.1:6379/0?timeout=2"));
        assertEquals("jdbc:postgresql://db:5432/test", Environment.withoutCredentials("jdbc:postgresql://db:5432/test?password=x"));
        assertEquals("jdbc:h2:mem:x", Environment.withoutCredentials("jdbc:h2:mem:x"));
    }

    @Test
    void theFactsSayMachineJdkBackendsAndWhen() {
        Map<String, String> facts = Environment.facts();
        for (String fact : new String[] {"JDK", "cores", "memory", "database", "Redis", "run at"}) {
            assertTrue(facts.containsKey(fact), fact + " missing from " + facts.keySet());
        }
        String database = facts.get("database");
        assertTrue(database.endsWith("(" + Environment.JDBC_URL_ENV + ")")
                || database.endsWith("(" + Environment.JDBC_URL_ENV + " not set)"), database);
        assertTrue(facts.get("run at").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"), facts.get("run at"));
    }
}
