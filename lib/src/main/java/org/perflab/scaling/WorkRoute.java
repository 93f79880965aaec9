package org.perflab.scaling;

import com.sun.net.httpserver.HttpExchange;
import org.perflab.pool.ExperimentPool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /work?cpu_us=<n>&db_ms=<n>&sleep_ms=<n>} of a {@link ServiceInstance}: CPU time on this worker
 * ({@link CpuBurner}), then {@code SELECT pg_sleep} on the instance's pool, then a wait in the handler.
 */
final class WorkRoute implements InstanceEndpoints.Endpoint {

    private static final Set<String> PARAMETERS = Set.of("cpu_us", "db_ms", "sleep_ms");

    private final String name;
    private final ExperimentPool pool;

    /** @param pool the instance's pool; null for an instance without a database, which refuses db_ms */
    WorkRoute(String name, ExperimentPool pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public InstanceEndpoints.Reply handle(HttpExchange exchange) throws Exception {
        Map<String, String> query = QueryParameters.of(exchange);
        for (String parameter : query.keySet()) {
            if (!PARAMETERS.contains(parameter)) {
                throw new IllegalArgumentException("unknown parameter " + parameter + "; /work takes cpu_us"
                        + " (microseconds of CPU), db_ms (milliseconds of pg_sleep) and sleep_ms (milliseconds"
                        + " of waiting in the handler)");
            }
        }
        long cpuUs = QueryParameters.number(query, "cpu_us", ServiceInstance.MAX_CPU_US);
        long dbMs = QueryParameters.number(query, "db_ms", ServiceInstance.MAX_DB_MS);
        // A wait without a database, for fleets started without one: the same shape of work, labelled as such.
        long sleepMs = QueryParameters.number(query, "sleep_ms", ServiceInstance.MAX_DB_MS);
        if (dbMs > 0 && pool == null) {
            throw new IllegalArgumentException(name + " has no database, so db_ms cannot be served; start the"
                    + " fleet with ServiceFleet.Builder.database(...)");
        }
        long result = cpuUs > 0 ? CpuBurner.burn(cpuUs, ThreadLocalRandom.current().nextLong()) : 0;
        if (dbMs > 0) {
            sleepInDatabase(dbMs);
        }
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return new InstanceEndpoints.Reply(200, "instance=" + name + " cpu_us=" + cpuUs + " db_ms=" + dbMs
                + " sleep_ms=" + sleepMs + " result=" + Long.toHexString(result));
    }

    private void sleepInDatabase(long millis) throws Exception {
        try (Connection connection = pool.dataSource().getConnection();
             PreparedStatement sleep = connection.prepareStatement("SELECT pg_sleep(?)")) {
            sleep.setDouble(1, millis / 1_000.0);
            sleep.execute();
        }
    }
}
