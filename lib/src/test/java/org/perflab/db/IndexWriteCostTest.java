package org.perflab.db;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Index write cost's statements and input checks, on H2. The measurements on both backends are
 * {@link IndexWriteCostIT}.
 */
class IndexWriteCostTest {

    /** 5,000 orders: a trial of 5,000 rows after a warm-up row needs one more. */
    private static final OrdersDataset DATASET = OrdersDataset.builder().users(1_000).orders(5_000).build();

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
            assertFalse(TestDatabases.tableExists(schema, "orders_write_cost"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThrows(IllegalArgumentException.class, () -> IndexWriteCost.builder().tableName("Orders; DROP"));
        assertThrows(IllegalArgumentException.class, () -> IndexWriteCost.builder().batchSize(0));
    }
}
