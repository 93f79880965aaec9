package org.perflab.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class IndexWriteCostIT {

    private static final OrdersDataset DATASET = OrdersDataset.builder().users(1_000).orders(5_000).build();

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void measuresEverySetAndDropsItsTable(String backend) throws SQLException {
        IndexWriteCost cost = IndexWriteCost.builder().dataset(DATASET).rows(2_000).warmupRows(500).batchSize(250)
                .trials(2).build();
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("writecost"));
             Schema schema = Schema.create(database, "write_cost")) {
            List<IndexWriteCost.Result> results = cost.measure(schema, IndexWriteCost.zeroOneThreeFive());
            results.forEach(result -> System.out.println("[write cost] " + backend + " " + result.describe()));

            assertEquals(List.of(0, 1, 3, 5), results.stream().map(IndexWriteCost.Result::indexCount).toList());
            for (IndexWriteCost.Result result : results) {
                assertEquals(2_000, result.rowsPerTrial());
                assertEquals(2, result.trialRowsPerSecond().size());
                assertTrue(result.trialRowsPerSecond().stream().allMatch(rate -> rate > 0), result.describe());
                assertEquals(2 * 2_000 / 250, result.batchLatency().count(), "one latency per timed batch");
                assertEquals(1e6 / result.rowsPerSecond(), result.microsPerRow(), 1e-9);
            }
            assertFalse(TestDatabases.tableExists(schema, "orders_write_cost"), "the trial table is dropped");
            assertEquals("primary key only", results.get(0).indexSet().columns());
            assertEquals("user_id; created_at; status; user_id, created_at; amount",
                    results.get(3).indexSet().columns());
            assertTrue(results.get(1).describe().startsWith("1 index (user_id): "), results.get(1).describe());
            assertEquals(4, IndexWriteCost.toTable(results).rowCount());
            assertEquals(1.0, IndexWriteCost.toTable(results).doubleColumn("vs_first").get(0), 1e-12);
        }
    }
}
