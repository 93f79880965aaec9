package org.perflab.pool;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the physical connections opened through a data source, so a test can tell a pool that reuses
 * its connections from one that opens a new one per request without timing either.
 */
final class ConnectionCounter {

    private final AtomicInteger opened = new AtomicInteger();
    private final DataSource dataSource;

    ConnectionCounter(DataSource real) {
        dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counting data source: hand it to a pool, or open connections from it directly. */
    DataSource dataSource() {
        return dataSource;
    }

    int opened() {
        return opened.get();
    }
}
