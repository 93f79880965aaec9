package org.perflab.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.perflab.check.Require;

/**
 * Replays Poisson reads and writes on users 1..n against cache-aside over Caffeine, with the cache's
 * clock ({@link ManualTicker}) following the replayed time, and counts the reads that returned a
 * version older than the database held. The database is real: every write is an UPDATE and every
 * miss a SELECT; only the clock is replayed, so an hour of traffic takes seconds and expiry happens at
 * the same instants in every run.
 *
 * <p>Model to check it against (TTL only, reads and writes of each key Poisson with rates r and λ,
 * time to live T): a miss loads a fresh row and starts a cycle of T in which the r·T expected reads
 * hit; a hit at age t is stale when a write came in between, with probability 1 - e^(-λt). So the
 * stale fraction of all reads is {@code r (T - (1 - e^(-λT)) / λ) / (1 + r T)}
 * ({@link #expectedStaleFraction}).
 */
public final class StalenessReplay {

    private final int users;
    private final double readsPerSecond;
    private final double writesPerSecond;
    private final Duration duration;
    private final double forgettingShare;
    private final long seed;

    private StalenessReplay(Builder builder) {
        this.users = builder.users;
        this.readsPerSecond = builder.readsPerSecond;
        this.writesPerSecond = builder.writesPerSecond;
        this.duration = builder.duration;
        this.forgettingShare = builder.forgettingShare;
        this.seed = builder.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Replays the traffic against a fresh cache with the given invalidation and time to live (null:
     * entries never expire). The same seed gives the same reads and writes for every strategy.
     */
    public StalenessResult run(UserTable table, Invalidation invalidation, Duration timeToLive) {
        Objects.requireNonNull(invalidation, "invalidation");
        ManualTicker clock = new ManualTicker();
        CaffeineStore store = CaffeineStore.builder().name("Caffeine (replayed clock)").maximumSize(2L * users)
                .expireAfterWrite(timeToLive).ticker(clock).build();
        CacheAside cache = new CacheAside(store, table);
        Map<Long, User> committed = table.loadRange(1, users);
        if (committed.size() != users) {
            throw new IllegalArgumentException("the replay needs users 1.." + users + " but the table has "
                    + committed.size() + " of them");
        }
        // commitTimes.get(id).get(v): when version v of that user was committed (replayed nanos). The cache
        // starts empty, so a stale read always missed a version committed during this replay.
        Map<Long, Map<Integer, Long>> commitTimes = new HashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        long endNanos = duration.toNanos();
        long nextRead = nextArrival(random, 0, readsPerSecond);
        long nextWrite = nextArrival(random, 0, writesPerSecond);
        long reads = 0;
        long staleReads = 0;
        long writes = 0;
        long forgotten = 0;
        long maxStaleAge = 0;
        while (Math.min(nextRead, nextWrite) < endNanos) {
            long id = 1 + random.nextInt(users);
            if (nextRead <= nextWrite) {
                clock.setNanos(nextRead);
                int seen = versionOf(cache.read(id));
                int current = versionOf(committed.get(id));
                reads++;
                if (seen != current) {
                    staleReads++;
                    maxStaleAge = Math.max(maxStaleAge, nextRead - commitTimes.get(id).get(seen + 1));
                }
                nextRead = nextArrival(random, nextRead, readsPerSecond);
            } else {
                clock.setNanos(nextWrite);
                int version = versionOf(committed.get(id)) + 1;
                User changed = committed.get(id).renamed("User " + id + " v" + version);
                boolean forgets = invalidation == Invalidation.TTL_ONLY
                        || (invalidation == Invalidation.DELETE_ON_WRITE_ONE_PATH_FORGETS
                        && random.nextDouble() < forgettingShare);
                if (forgets) {
                    cache.writeForgettingInvalidation(changed);
                    forgotten += invalidation == Invalidation.TTL_ONLY ? 0 : 1;
                } else {
                    cache.write(changed);
                }
                committed.put(id, changed);
                commitTimes.computeIfAbsent(id, key -> new HashMap<>()).put(version, nextWrite);
                writes++;
                nextWrite = nextArrival(random, nextWrite, writesPerSecond);
            }
        }
        return new StalenessResult(invalidation, timeToLive, reads, cache.hits(), staleReads, writes, forgotten,
                maxStaleAge);
    }

    /** The model's stale fraction for TTL-only invalidation; see the class comment. */
    public static double expectedStaleFraction(double readsPerSecondPerKey, double writesPerSecondPerKey,
                                               Duration timeToLive) {
        double r = readsPerSecondPerKey;
        double lambda = writesPerSecondPerKey;
        double t = timeToLive.toNanos() / 1e9;
        if (lambda == 0) {
            return 0;
        }
        return r * (t - (1 - Math.exp(-lambda * t)) / lambda) / (1 + r * t);
    }

    /** Per key: the replay spreads reads and writes uniformly over the users. */
    public double readsPerSecondPerKey() {
        return readsPerSecond / users;
    }

    public double writesPerSecondPerKey() {
        return writesPerSecond / users;
    }

    /** "User 42" is version 0, "User 42 v7" version 7. */
    private static int versionOf(User user) {
        String name = user.name();
        int v = name.lastIndexOf(" v");
        return v < 0 ? 0 : Integer.parseInt(name.substring(v + 2));
    }

    private static long nextArrival(SplittableRandom random, long nowNanos, double perSecond) {
        if (perSecond == 0) {
            return Long.MAX_VALUE;
        }
        return nowNanos + Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "StalenessReplay[%d users, %.0f reads/s, %.0f writes/s for %s"
                        + " (replayed), forgetting path %.0f%% of writes, seed %d]", users, readsPerSecond,
                writesPerSecond, duration, forgettingShare * 100, seed);
    }

    /** Defaults: 200 users, 2,000 reads/s, 20 writes/s, 20 s replayed, forgetting path 20%, seed 42. */
    public static final class Builder {
        private int users = 200;
        private double readsPerSecond = 2_000;
        private double writesPerSecond = 20;
        private Duration duration = Duration.ofSeconds(20);
        private double forgettingShare = 0.2;
        private long seed = 42;

        private Builder() {
        }

        public Builder users(int users) {
            this.users = Require.atLeast("users", users, 1, "replay at least one user");
            return this;
        }

        public Builder readsPerSecond(double readsPerSecond) {
            this.readsPerSecond = requireRate("readsPerSecond", readsPerSecond);
            return this;
        }

        public Builder writesPerSecond(double writesPerSecond) {
            this.writesPerSecond = requireRate("writesPerSecond", writesPerSecond);
            return this;
        }

        /** Replayed time, not wall-clock time. */
        public Builder duration(Duration duration) {
            Require.that(duration != null && !duration.isNegative() && !duration.isZero(), "duration", duration, "> 0",
                    "give the replayed time, e.g. Duration.ofHours(1)");
            this.duration = duration;
            return this;
        }

        /** The share of writes that go through the path that forgets to invalidate, 0 to 1. */
        public Builder forgettingShare(double forgettingShare) {
            this.forgettingShare = Require.between("forgettingShare", forgettingShare, 0.0, 1.0,
                    "give the share of writes that skip the invalidation, e.g. 0.05 for 5%");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public StalenessReplay build() {
            return new StalenessReplay(this);
        }

        private static double requireRate(String property, double value) {
            return Require.between(property, value, 0.0, 1e7, "give events per second of replayed time, e.g. 50");
        }
    }
}
