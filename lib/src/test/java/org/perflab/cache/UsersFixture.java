package org.perflab.cache;

import org.perflab.db.Database;
import org.perflab.db.OrdersDataset;
import org.perflab.db.Schema;
import org.perflab.db.StatementCounter;
import org.perflab.db.TestDatabases;
import org.perflab.pool.ExperimentPool;

import java.sql.SQLException;

/** A users table on one test backend, behind a small pool whose statements are counted. */
final class UsersFixture implements AutoCloseable {

    final Database database;
    final Schema schema;
    final ExperimentPool pool;
    final StatementCounter counter;
    final UserTable table;

    UsersFixture(String backend, int users, long orders) throws SQLException {
        database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("cache"));
        schema = Schema.create(database, "cache_test");
        OrdersDataset.builder().users(users).orders(orders).build().load(schema);
        pool = ExperimentPool.builder(database).schema(schema).maximumPoolSize(4).name("cache-test").build();
        counter = StatementCounter.named("cache-test");
        table = new UserTable(counter.wrap(pool.dataSource()));
    }

    @Override
    public void close() {
        pool.close();
        schema.close();
        database.close();
    }
}
