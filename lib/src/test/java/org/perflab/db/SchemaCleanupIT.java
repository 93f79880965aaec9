package org.perflab.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class SchemaCleanupIT {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void experimentTouchesOnlyItsSchemaAndLeavesNothingBehind(String backend) throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("cleanup");
        try (Database database = TestDatabases.open(backend, applicationName)) {
            List<String> outsideBefore = tablesOutsidePerflabSchemas(database);
            String name;
            try (Schema schema = Schema.create(database, "cleanup")) {
                name = schema.name();
                OrdersDataset.builder().users(10).orders(100).build().load(schema);
                BlogDataset.builder().authors(5).posts(10).commentsPerPost(1).build().load(schema);
                try (Connection connection = schema.connection(); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE INDEX idx_orders_user_created ON orders (user_id, created_at)");
                    try (ResultSet row = statement.executeQuery("SELECT count(*) FROM orders")) {
                        row.next();
                        assertEquals(100, row.getInt(1));
                    }
                }
                assertTrue(TestDatabases.schemaExists(database, name));
            }
            assertFalse(TestDatabases.schemaExists(database, name), name + " still exists");
            assertEquals(outsideBefore, tablesOutsidePerflabSchemas(database));
            if (database.isPostgres()) {
                assertEquals(0, TestDatabases.openConnections(database, applicationName),
                        "connections left open for " + applicationName);
            }
        }
    }

    /** Tables named like ours anywhere but in perflab_ schemas; must not change. */
    private static List<String> tablesOutsidePerflabSchemas(Database database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT table_schema || '.' || table_name FROM"
                     + " information_schema.tables WHERE table_schema NOT LIKE 'perflab\\_%'"
                     + " AND table_name IN ('users', 'orders', 'authors', 'posts', 'comments') ORDER BY 1")) {
            while (row.next()) {
                tables.add(row.getString(1));
            }
        }
        return tables;
    }
}
