package org.perflab.cache;

import org.HdrHistogram.Histogram;
import org.perflab.check.Require;
import org.perflab.db.StatementCounter;
import org.perflab.db.StatementCounts;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One seeded mix of reads and writes on users 1..n, run the same way against each caching pattern so
 * their numbers compare: Zipf-skewed keys, a fixed write fraction, an untimed warm-up, then every
 * operation timed on its own. A write renames a user ({@code "User 42 v7"}), so every write is a new
 * value and a stale read can be recognised.
 *
 * <p>The workload remembers the last acknowledged write per user. A read that returns anything else
 * is a stale read; at the end the cache and the database are compared with the same memory, so
 * "the database is behind" (write-behind before its flush) and "the cache is stale" are counted
 * separately.
 */
public final class PatternWorkload {

    private final int users;
    private final int operations;
    private final int warmupOperations;
    private final double writeFraction;
    private final double zipfExponent;
    private final long seed;

    private PatternWorkload(Builder builder) {
        this.users = builder.users;
        this.operations = builder.operations;
        this.warmupOperations = builder.warmupOperations;
        this.writeFraction = builder.writeFraction;
        this.zipfExponent = builder.zipfExponent;
        this.seed = builder.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the warm-up and the timed operations through {@code pattern}, counting the database's
     * statements with {@code counter} (which must wrap the pattern's table's data source).
     */
    public PatternResult run(CachingPattern pattern, StatementCounter counter) {
        return run(List.of(pattern), counter);
    }

    /**
     * As {@link #run(CachingPattern, StatementCounter)}, with each operation sent to one of several
     * application instances picked at random, as a load balancer would: each instance is a pattern
     * with a cache of its own (or a share of one), all over the same table. A read is stale when it
     * misses a write acknowledged by any instance.
     */
    public PatternResult run(List<CachingPattern> instances, StatementCounter counter) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("instances must hold at least one pattern");
        }
        UserTable table = instances.get(0).table();
        Map<Long, User> acknowledged = table.loadRange(1, users);
        if (acknowledged.size() != users) {
            throw new IllegalArgumentException("the workload needs users 1.." + users + " but the table has "
                    + acknowledged.size() + " of them; load an OrdersDataset with at least " + users + " users");
        }
        Run run = new Run(instances, acknowledged);
        for (int i = 0; i < warmupOperations; i++) {
            run.step(null, null);
        }
        long hitsBefore = hits(instances);
        long missesBefore = misses(instances);
        StatementCounts before = counter.snapshot();
        LatencyRecorder reads = LatencyRecorder.create();
        LatencyRecorder writes = LatencyRecorder.create();
        long staleReads = 0;
        for (int i = 0; i < operations; i++) {
            staleReads += run.step(reads, writes);
        }
        StatementCounts load = counter.snapshot().minus(before);
        long hits = hits(instances) - hitsBefore;
        long misses = misses(instances) - missesBefore;
        Map<Long, User> inDatabase = table.loadRange(1, users);
        long databaseBehind = 0;
        long cacheStale = 0;
        for (long id : run.touched) {
            User expected = acknowledged.get(id);
            if (!expected.equals(inDatabase.get(id))) {
                databaseBehind++;
            }
            for (CachingPattern instance : instances) {
                String cached = instance.store().get(CachingPattern.key(id));
                if (cached != null && !expected.equals(User.parse(cached))) {
                    cacheStale++;
                    break;
                }
            }
        }
        CachingPattern first = instances.get(0);
        Histogram readSamples = reads.histogram();
        Histogram writeSamples = writes.histogram();
        return new PatternResult(first.name(), first.store().name(), instances.size(), readSamples.getTotalCount(),
                writeSamples.getTotalCount(), LatencySummary.of(readSamples), LatencySummary.of(writeSamples),
                hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses), load.selects(), load.updates(),
                load.roundTrips(), staleReads, run.touched.size(), databaseBehind, cacheStale, readSamples,
                writeSamples);
    }

    private static long hits(List<CachingPattern> instances) {
        return instances.stream().mapToLong(CachingPattern::hits).sum();
    }

    private static long misses(List<CachingPattern> instances) {
        return instances.stream().mapToLong(CachingPattern::misses).sum();
    }

    /** The state of one run: keys, the instances, and the last acknowledged version of every user. */
    private final class Run {
        private final List<CachingPattern> instances;
        private final Map<Long, User> acknowledged;
        private final Map<Long, Integer> versions = new HashMap<>();
        private final TreeSet<Long> touched = new TreeSet<>();
        private final ZipfKeys keys = new ZipfKeys(users, zipfExponent, seed);

        Run(List<CachingPattern> instances, Map<Long, User> acknowledged) {
            this.instances = instances;
            this.acknowledged = acknowledged;
        }

        /** One operation; returns 1 for a stale read. Null recorders: an untimed warm-up step. */
        int step(LatencyRecorder reads, LatencyRecorder writes) {
            long id = keys.next();
            boolean write = keys.nextUnit() < writeFraction;
            CachingPattern instance = instances.size() == 1 ? instances.get(0)
                    : instances.get((int) (keys.nextUnit() * instances.size()));
            touched.add(id);
            if (write) {
                int version = versions.merge(id, 1, Integer::sum);
                User changed = acknowledged.get(id).renamed("User " + id + " v" + version);
                long start = System.nanoTime();
                instance.write(changed);
                long elapsed = System.nanoTime() - start;
                acknowledged.put(id, changed);
                if (writes != null) {
                    writes.recordNanos(elapsed);
                }
                return 0;
            }
            long start = System.nanoTime();
            User read = instance.read(id);
            long elapsed = System.nanoTime() - start;
            if (reads != null) {
                reads.recordNanos(elapsed);
            }
            return acknowledged.get(id).equals(read) ? 0 : 1;
        }
    }

    @Override
    public String toString() {
        return "PatternWorkload[users=" + users + ", operations=" + operations + " after " + warmupOperations
                + " warm-up, writes " + Math.round(writeFraction * 100) + "%, Zipf exponent " + zipfExponent
                + ", seed " + seed + "]";
    }

    /** Defaults: 1,000 users, 5,000 operations after 1,000 warm-up, 10% writes, Zipf 0.9, seed 42. */
    public static final class Builder {
        private int users = 1_000;
        private int operations = 5_000;
        private int warmupOperations = 1_000;
        private double writeFraction = 0.1;
        private double zipfExponent = 0.9;
        private long seed = 42;

        private Builder() {
        }

        public Builder users(int users) {
            Require.between("users", users, 1, 100_000_000, "give the number of users in the table, e.g. 10_000");
            this.users = users;
            return this;
        }

        public Builder operations(int operations) {
            Require.between("operations", operations, 1, 100_000_000, "give the number of timed operations, e.g. 100_000");
            this.operations = operations;
            return this;
        }

        public Builder warmupOperations(int warmupOperations) {
            Require.between("warmupOperations", warmupOperations, 0, 100_000_000, "give 0 for no warm-up");
            this.warmupOperations = warmupOperations;
            return this;
        }

        public Builder writeFraction(double writeFraction) {
            this.writeFraction = Require.between("writeFraction", writeFraction, 0.0, 1.0,
                    "give the share of requests that write, e.g. 0.1 for 10%");
            return this;
        }

        /** 0 is uniform; see {@link ZipfKeys}. */
        public Builder zipfExponent(double zipfExponent) {
            this.zipfExponent = zipfExponent;
            return this;
        }

        /** Print it with the results: the same seed replays the same operations. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public PatternWorkload build() {
            new ZipfKeys(users, zipfExponent, seed);   // rejects an impossible exponent now, not mid-run
            return new PatternWorkload(this);
        }
    }
}
