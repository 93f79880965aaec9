package org.perflab.db;

import org.junit.jupiter.api.Test;
import org.perflab.verdict.Estimate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The growth sweep on H2, and its exponent on made-up times. */
class LookupGrowthTest {

    @Test
    void theExponentOfTimesProportionalToRowsIsOneAndOfConstantTimesZero() {
        long[] rows = {1_000, 10_000, 100_000};
        List<LookupGrowthResult.Size> sizes = new java.util.ArrayList<>();
        for (long n : rows) {
            double[] scan = {n * 1e-4, n * 1.1e-4, n * 0.9e-4, n * 1e-4};
            double[] index = {0.05, 0.051, 0.049, 0.05};
            sizes.add(new LookupGrowthResult.Size(n, -1, -1, -1, scan, index));
        }
        LookupGrowthResult result = new LookupGrowthResult(sizes, "made up");
        Estimate scan = result.scanExponent();
        Estimate index = result.indexExponent();
        assertEquals(1.0, scan.value(), 1e-9);
        assertTrue(scan.low() > 0.9 && scan.high() < 1.1, scan.describe());
        assertEquals(0.0, index.value(), 1e-9);
        assertTrue(index.low() > -0.05 && index.high() < 0.05, index.describe());
        assertEquals(3, result.toTable().rowCount());
        assertEquals(0.5, LookupGrowthResult.slope(new double[] {0, 2}, new double[] {1, 2}), 1e-12);
    }

    @Test
    void runsOnARealTableAndDropsItsCopies() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-lookup-growth");
             Schema schema = Schema.create(database, "lookup_growth");
             Connection connection = schema.connection()) {
            OrdersDataset.builder().users(100).orders(3_000).build().load(schema);
            LookupGrowthResult result = LookupGrowth.of(connection, "orders", new long[] {300, 3_000}, 3, 20, 1).run();
            assertEquals(2, result.sizes().size());
            assertEquals(3_000, result.sizes().get(1).rows());
            assertEquals(20, result.sizes().get(1).indexMillis().length);
            assertTrue(result.depthSource().contains("H2"), result.depthSource());
            assertTrue(result.scanMedianMillis()[1] > 0 && result.indexMedianMillis()[1] > 0);
            try (Statement statement = connection.createStatement();
                 var tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                         + " WHERE lower(table_name) LIKE 'lookup_growth_%'")) {
                tables.next();
                assertEquals(0, tables.getLong(1), "copies dropped");
            }
        }
    }

    @Test
    void aTableTooSmallForTheLargestSizeIsRejectedWithTheReason() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-lookup-growth-small");
             Schema schema = Schema.create(database, "lookup_growth_small");
             Connection connection = schema.connection()) {
            OrdersDataset.builder().users(10).orders(100).build().load(schema);
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> LookupGrowth.of(connection, "orders", new long[] {10, 1_000}, 2, 2, 1).run());
            assertTrue(error.getMessage().contains("holds 100 rows with id <= 1000"), error.getMessage());
        }
        assertThrows(NullPointerException.class, () -> LookupGrowth.of(null, "orders", new long[] {10, 20}, 2, 2, 1));
    }
}
