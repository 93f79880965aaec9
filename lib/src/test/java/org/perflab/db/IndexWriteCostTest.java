package org.perflab.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexWriteCostTest {

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
            assertFalse(tableExists(schema, "orders_write_cost"), "the trial table is dropped");
            assertEquals("primary key only", results.get(0).indexSet().columns());
            assertEquals("user_id; created_at; status; user_id, created_at; amount",
                    results.get(3).indexSet().columns());
            assertTrue(results.get(1).describe().startsWith("1 index (user_id): "), results.get(1).describe());
            assertEquals(4, IndexWriteCost.toTable(results).rowCount());
            assertEquals(1.0, IndexWriteCost.toTable(results).doubleColumn("vs_first").get(0), 1e-12);
        }
    }

    @Test
    void createsOneNamedIndexPerColumnList() {
        IndexWriteCost cost = IndexWriteCost.builder().tableName("t_cost").build();
        assertEquals(List.of("CREATE INDEX t_cost_idx_1 ON t_cost (user_id)",
                        "CREATE INDEX t_cost_idx_2 ON t_cost (user_id, created_at)"),
                cost.createIndexStatements(IndexWriteCost.IndexSet.of("two", "user_id", "user_id, created_at")));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsCreated() {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-writecost-bad");
             Schema schema = Schema.create(database, "write_cost_bad")) {
            IndexWriteCost cost = IndexWriteCost.builder().dataset(DATASET).rows(100).warmupRows(0).build();
            IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> cost.measure(schema,
                    List.of(IndexWriteCost.IndexSet.of("bad", "user_id, nope"))));
            assertTrue(column.getMessage().contains("'nope' is not a column of orders"), column.getMessage());
            IndexWriteCost tooMany = IndexWriteCost.builder().dataset(DATASET).rows(5_000).warmupRows(1).build();
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> tooMany.measure(schema, IndexWriteCost.zeroOneThreeFive()));
            assertTrue(rows.getMessage().contains("orders(5001)"), rows.getMessage());
            assertFalse(tableExists(schema, "orders_write_cost"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThrows(IllegalArgumentException.class, () -> IndexWriteCost.builder().tableName("Orders; DROP"));
        assertThrows(IllegalArgumentException.class, () -> IndexWriteCost.builder().batchSize(0));
    }

    private static boolean tableExists(Schema schema, String table) throws SQLException {
        try (Connection connection = schema.database().dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, schema.name());
            query.setString(2, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }
}
