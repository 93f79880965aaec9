package org.perflab.db;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Times ways of loading the same N rows against N, on one connection, counting each way's round
 * trips at the driver: the measurement behind "N+1 costs (N + 1) round trips".
 *
 * <pre>{@code
 * RoundTripSweep.builder(counter.wrap(schema.dataSource()), counter)
 *     .strategy("one query per post", PostsWithAuthors::loadOneQueryPerPost)
 *     .strategy("JOIN", PostsWithAuthors::loadWithJoin)
 *     .sizes(10, 100, 1000).warmups(3).repetitions(15)
 *     .build().run();
 * }</pre>
 *
 * <p>Why it is built this way: the strategies take turns inside each repetition, so a slow moment
 * of the machine hurts all of them alike instead of one; every strategy runs untimed at every size
 * before any run is timed (the JIT compiles the driver, pgjdbc switches to server-side prepared
 * statements after five executions, the server's buffers fill); and every run's rows are compared with the first strategy's, because a
 * fast way of loading the wrong rows proves nothing. One connection serves the whole sweep, as
 * one request of an application holds one, so connection set-up is not part of any number.
 */
public final class RoundTripSweep {

    /** Loads the first {@code n} rows in one particular way. */
    @FunctionalInterface
    public interface Loader {
        List<?> load(Connection connection, int n) throws SQLException;
    }

    /** Bounds the time-based warm-up when one round is tiny. */
    private static final int MAX_WARMUP_ROUNDS = 10_000;

    private final DataSource dataSource;
    private final StatementCounter counter;
    private final Map<String, Loader> strategies;
    private final Set<String> probes;
    private final int[] sizes;
    private final int warmups;
    private final Duration warmupTime;
    private final int repetitions;

    private RoundTripSweep(Builder builder) {
        this.dataSource = builder.dataSource;
        this.counter = builder.counter;
        this.strategies = new LinkedHashMap<>(builder.strategies);
        this.probes = Set.copyOf(builder.probes);
        this.sizes = builder.sizes.clone();
        this.warmups = builder.warmups;
        this.warmupTime = builder.warmupTime;
        this.repetitions = builder.repetitions;
    }

    /**
     * @param dataSource a data source whose statements {@code counter} counts ({@code counter.wrap(...)})
     * @param counter    used by this sweep alone while it runs; it is reset before every timed run
     */
    public static Builder builder(DataSource dataSource, StatementCounter counter) {
        return new Builder(dataSource, counter);
    }

    /** Runs every strategy at every size; throws if a strategy returns other rows than the first. */
    public RoundTripSweepResult run() throws SQLException {
        List<RoundTripSweepResult.Point> points = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            // Warm up at every size before timing any: the smallest N runs first, and timed while the
            // JIT still compiled the driver's code it read several times too slow. Then go on cycling
            // for warmupTime, so that code run only a few times per round (a probe) gets compiled too.
            long warmUntil = System.nanoTime() + warmupTime.toNanos();
            int round = 0;
            do {
                for (int n : sizes) {
                    for (int i = 0; i < warmups; i++) {
                        for (Loader loader : strategies.values()) {
                            loader.load(connection, n);
                        }
                    }
                }
                round++;
            } while (warmups > 0 && System.nanoTime() < warmUntil && round < MAX_WARMUP_ROUNDS);
            for (int n : sizes) {
                Map<String, LatencyRecorder> recorders = new LinkedHashMap<>();
                Map<String, Long> roundTrips = new LinkedHashMap<>();
                Map<String, Long> delayNanos = new LinkedHashMap<>();
                for (String name : strategies.keySet()) {
                    recorders.put(name, LatencyRecorder.create());
                }
                for (int repetition = 0; repetition < repetitions; repetition++) {
                    List<?> reference = null;
                    for (Map.Entry<String, Loader> strategy : strategies.entrySet()) {
                        counter.reset();
                        long start = System.nanoTime();
                        List<?> rows = strategy.getValue().load(connection, n);
                        long elapsed = System.nanoTime() - start;
                        StatementCounts counts = counter.snapshot();
                        long trips = counts.roundTrips();
                        recorders.get(strategy.getKey()).recordNanos(elapsed);
                        delayNanos.merge(strategy.getKey(), counts.simulatedDelayNanos(), Long::sum);
                        if (!probes.contains(strategy.getKey())) {
                            reference = checkSameRows(reference, rows, strategy.getKey(), n);
                        }
                        Long earlier = roundTrips.putIfAbsent(strategy.getKey(), trips);
                        if (earlier != null && earlier != trips) {
                            throw new IllegalStateException(strategy.getKey() + " at N=" + n + " made " + earlier
                                    + " round trips once and " + trips + " another time: is something else using"
                                    + " the counter '" + counter.name() + "' while the sweep runs?");
                        }
                    }
                }
                for (String name : strategies.keySet()) {
                    long trips = roundTrips.get(name);
                    double delayPerTrip = trips == 0 ? 0 : delayNanos.get(name) / (double) (trips * repetitions);
                    points.add(new RoundTripSweepResult.Point(name, n, trips, recorders.get(name).summary(),
                            delayPerTrip));
                }
            }
        }
        return new RoundTripSweepResult(points);
    }

    private List<?> checkSameRows(List<?> reference, List<?> rows, String strategy, int n) {
        if (reference == null) {
            return rows;
        }
        if (!reference.equals(rows)) {
            String first = strategies.keySet().stream().filter(name -> !probes.contains(name)).findFirst().orElseThrow();
            throw new IllegalStateException(strategy + " returned " + rows.size() + " rows at N=" + n
                    + " that differ from what " + first + " returned (" + reference.size()
                    + " rows): a faster way of loading other rows proves nothing");
        }
        return reference;
    }

    /** Defaults: sizes 10, 100 and 1000, one round of 3 warm-up runs, 15 timed runs per strategy and size. */
    public static final class Builder {
        private final DataSource dataSource;
        private final StatementCounter counter;
        private final Map<String, Loader> strategies = new LinkedHashMap<>();
        private final Set<String> probes = new HashSet<>();
        private int[] sizes = {10, 100, 1_000};
        private int warmups = 3;
        private Duration warmupTime = Duration.ZERO;
        private int repetitions = 15;

        private Builder(DataSource dataSource, StatementCounter counter) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.counter = Objects.requireNonNull(counter, "counter");
        }

        /** A way of loading; the first one added is the reference the others' rows are checked against. */
        public Builder strategy(String name, Loader loader) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a strategy needs a name to show in the results");
            }
            if (strategies.putIfAbsent(name, Objects.requireNonNull(loader, "loader")) != null) {
                throw new IllegalArgumentException("strategy '" + name + "' was added twice");
            }
            return this;
        }

        /**
         * A timed and counted run that takes its turn with the strategies but loads something else,
         * so its rows are not compared: a calibration measured under the same conditions as the
         * strategies, such as one round trip for a cost model.
         */
        public Builder probe(String name, Loader loader) {
            strategy(name, loader);
            probes.add(name);
            return this;
        }

        /** The values of N, in the order they run. */
        public Builder sizes(int... sizes) {
            if (sizes.length == 0) {
                throw new IllegalArgumentException("sizes must name at least one N");
            }
            for (int n : sizes) {
                Require.between("N", n, 0, 1_000_000, "give row counts from 0 to 1,000,000");
            }
            this.sizes = sizes.clone();
            return this;
        }

        public Builder warmups(int warmups) {
            Require.between("warmups", warmups, 0, 10_000, "give 0 for no warm-up");
            this.warmups = warmups;
            return this;
        }

        /**
         * Keeps warming up, round after round of {@code warmups} runs at every size, until this much
         * time has passed. Default zero: one round. A probe that runs a few times per round needs it.
         */
        public Builder warmupTime(Duration warmupTime) {
            this.warmupTime = Require.between("warmupTime", warmupTime, Duration.ZERO, Duration.ofMinutes(5),
                    "give Duration.ZERO for one round, or a few seconds, e.g. Duration.ofSeconds(2)");
            return this;
        }

        public Builder repetitions(int repetitions) {
            Require.between("repetitions", repetitions, 1, 100_000, "time at least one repetition");
            this.repetitions = repetitions;
            return this;
        }

        public RoundTripSweep build() {
            if (strategies.isEmpty()) {
                throw new IllegalStateException("add at least one strategy(name, loader) to sweep");
            }
            return new RoundTripSweep(this);
        }
    }
}
