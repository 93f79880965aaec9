package org.perflab.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class DatasetIT {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void loadedRowsMatchTheGeneratedOnes(String backend) throws SQLException {
        OrdersDataset dataset = OrdersDataset.builder().users(500).orders(20_000).seed(11).build();
        BigDecimal expectedSum = BigDecimal.ZERO;
        for (Iterator<Object[]> rows = dataset.tables().get(1).rows().get(); rows.hasNext(); ) {
            expectedSum = expectedSum.add((BigDecimal) rows.next()[3]);
        }
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("dataset"));
             Schema schema = Schema.create(database, "dataset")) {
            List<LoadReport> reports = dataset.load(schema);
            reports.forEach(report -> System.out.println("[dataset] " + backend + " " + report.describe()));
            assertEquals(dataset.checksums(), reports.stream().map(LoadReport::checksum).toList());
            try (Connection connection = schema.connection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT count(*), sum(amount), count(DISTINCT status), min(user_id) >= 1 FROM orders")) {
                row.next();
                assertEquals(20_000, row.getLong(1));
                assertEquals(0, expectedSum.compareTo(row.getBigDecimal(2)));
                assertEquals(4, row.getInt(3));
                assertTrue(row.getBoolean(4));
            }
            BlogDataset blog = BlogDataset.builder().authors(20).posts(200).commentsPerPost(2).build();
            List<LoadReport> blogReports = blog.load(schema);
            assertEquals(blog.checksums(), blogReports.stream().map(LoadReport::checksum).toList());
            assertEquals(400, blogReports.get(2).rows());
        }
    }

    @Test
    void aMillionOrdersLoadByCopyInSeconds() throws SQLException {
        OrdersDataset dataset = OrdersDataset.builder().users(10_000).orders(1_000_000).build();
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, "perflab-test-copy");
             Schema schema = Schema.create(database, "copy")) {
            List<LoadReport> reports = dataset.load(schema);
            reports.forEach(report -> System.out.println("[dataset] postgresql " + report.describe()));
            LoadReport orders = reports.get(1);
            assertEquals("COPY", orders.method());
            assertEquals(1_000_000, orders.rows());
            assertTrue(orders.elapsedMs() < 30_000, orders.describe());
        }
    }
}
