package org.perflab.db;

import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How batches are counted, on H2. The N+1 lesson on both backends is {@link NPlusOneIT}.
 */
class NPlusOneTest {

    @org.junit.jupiter.api.Test
    void batchesCountAsOneRoundTripButEveryEntryAsAStatement() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-batch");
             Schema schema = Schema.create(database, "batch")) {
            StatementCounter counter = StatementCounter.named("batch");
            try (Connection connection = counter.wrap(schema.dataSource()).getConnection()) {
                connection.createStatement().execute("CREATE TABLE t (id int)");
                var insert = connection.prepareStatement("INSERT INTO t VALUES (?)");
                for (int i = 0; i < 25; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
                insert.close();
            }
            StatementCounts counts = counter.snapshot();
            assertEquals(2, counts.roundTrips(), counts.describe());
            assertEquals(26, counts.statements(), counts.describe());
            assertEquals(25, counts.inserts());
            assertEquals(1, counts.other());
        }
    }
}
