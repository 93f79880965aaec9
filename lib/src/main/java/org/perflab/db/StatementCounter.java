package org.perflab.db;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.QueryType;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.perflab.env.CancelOnInterrupt;
import net.ttddyy.dsproxy.listener.QueryUtils;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the statements an experiment sends, at the driver boundary, with datasource-proxy: wrap a
 * data source, run the experiment, read {@link #snapshot()}. Counts belong to this counter only (one
 * per experiment), are thread-safe, and survive until {@link #reset()}.
 *
 * <pre>{@code
 * StatementCounter counter = StatementCounter.named("n-plus-one");
 * DataSource counted = counter.wrap(schema.dataSource());
 * ... run the loop ...
 * counter.snapshot().roundTrips();   // N + 1
 * }</pre>
 *
 * <p>Surprises: what the driver does on its own (pgjdbc's {@code setSchema}, HikariCP's validation)
 * is not counted, because it never passes through the proxy; an {@code executeBatch} is one round
 * trip here even if a driver splits a huge batch into several network messages.
 */
public final class StatementCounter {

    private final String name;
    private final LongAdder roundTrips = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder selects = new LongAdder();
    private final LongAdder inserts = new LongAdder();
    private final LongAdder updates = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder executionNanos = new LongAdder();
    private final LongAdder simulatedDelayNanos = new LongAdder();

    private StatementCounter(String name) {
        this.name = name;
    }

    /** A counter for one experiment; the name shows in datasource-proxy's data source name. */
    public static StatementCounter named(String experiment) {
        return new StatementCounter(experiment);
    }

    public String name() {
        return name;
    }

    /** A data source whose connections' statements are counted by this counter. */
    public DataSource wrap(DataSource dataSource) {
        return wrap(dataSource, SimulatedNetworkDelay.NONE);
    }

    /** As {@link #wrap(DataSource)}, pausing before every round trip to simulate network distance. */
    public DataSource wrap(DataSource dataSource, SimulatedNetworkDelay delay) {
        return ProxyDataSourceBuilder.create("perflab-" + name, dataSource)
                .listener(new CountingListener(delay))
                .build();
    }

    public StatementCounts snapshot() {
        return new StatementCounts(roundTrips.sum(), statements.sum(), selects.sum(), inserts.sum(), updates.sum(),
                deletes.sum(), other.sum(), failures.sum(), executionNanos.sum(), simulatedDelayNanos.sum());
    }

    /**
     * Zeroes every count. Not atomic against statements running at that moment: reset between phases
     * of an experiment, or use {@link StatementCounts#minus} on two snapshots instead.
     */
    public void reset() {
        for (LongAdder adder : List.of(roundTrips, statements, selects, inserts, updates, deletes, other, failures,
                executionNanos, simulatedDelayNanos)) {
            adder.reset();
        }
    }

    @Override
    public String toString() {
        return "StatementCounter[" + name + ": " + snapshot().describe() + "]";
    }

    private static final String START_NANOS = "perflab.startNanos";
    private static final String CANCEL = "perflab.cancelOnInterrupt";

    private static void cancel(java.sql.Statement statement) {
        try {
            statement.cancel();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cancelling the statement failed: " + e.getMessage(), e);
        }
    }

    private final class CountingListener implements QueryExecutionListener {
        private final SimulatedNetworkDelay delay;

        CountingListener(SimulatedNetworkDelay delay) {
            this.delay = delay;
        }

        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            // A statement blocked on the server ignores Thread.interrupt; cancel it on an interrupt.
            java.sql.Statement statement = execution.getStatement();
            execution.addCustomValue(CANCEL, CancelOnInterrupt.register(() -> cancel(statement)));
            simulatedDelayNanos.add(delay.pause());
            // datasource-proxy's own elapsed time is in whole milliseconds; a local query takes less.
            execution.addCustomValue(START_NANOS, System.nanoTime());
        }

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            CancelOnInterrupt.Registration cancel = execution.getCustomValue(CANCEL, CancelOnInterrupt.Registration.class);
            if (cancel != null) {
                cancel.close();
            }
            roundTrips.increment();
            Long startNanos = execution.getCustomValue(START_NANOS, Long.class);
            executionNanos.add(startNanos == null ? execution.getElapsedTime() * 1_000_000L
                    : System.nanoTime() - startNanos);
            if (!execution.isSuccess()) {
                failures.increment();
            }
            for (QueryInfo query : queries) {
                // A PreparedStatement batch is one query with one parameter set per batch entry.
                int copies = execution.isBatch() && !query.getParametersList().isEmpty()
                        ? query.getParametersList().size() : 1;
                statements.add(copies);
                typeCounter(QueryUtils.getQueryType(query.getQuery())).add(copies);
            }
        }

        private LongAdder typeCounter(QueryType type) {
            return switch (type) {
                case SELECT -> selects;
                case INSERT -> inserts;
                case UPDATE -> updates;
                case DELETE -> deletes;
                default -> other;
            };
        }
    }
}
