package org.perflab.cache;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;
import org.perflab.testing.Slow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three write patterns on both databases, over Caffeine and over Redis: consistency, load, lost writes. */
@Services
@Slow
class CachingPatternsIT {

    private static final int USERS = 200;

    static List<String> backends() {
        return org.perflab.db.TestDatabases.backends();
    }

    private static PatternWorkload workload() {
        return PatternWorkload.builder().users(USERS).operations(2_000).warmupOperations(200).writeFraction(0.2)
                .zipfExponent(0.8).seed(7).build();
    }

    /** Runs {@code body} with a Caffeine store and, when Redis answers, a Redis store. */
    private static void forEachStore(Redis redis, java.util.function.Consumer<CacheStore> body) {
        body.accept(CaffeineStore.builder().build());
        RedisKeySpace space = redis.keySpace("patterns_test");
        try {
            body.accept(new RedisStore(space, Duration.ofMinutes(5)));
        } finally {
            space.close();
        }
        assertEquals(0, space.count(), "keys left under " + space.prefix());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void cacheAsideAndWriteThroughStayConsistentAndCountTheirLoad(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, USERS, 0); Redis redis = TestRedis.open()) {
            for (Function<CacheStore, CachingPattern> make : List.<Function<CacheStore, CachingPattern>>of(
                    store -> new CacheAside(store, db.table), store -> new WriteThrough(store, db.table))) {
                forEachStore(redis, store -> {
                    CachingPattern pattern = make.apply(store);
                    PatternResult result = workload().run(pattern, db.counter);
                    String what = pattern + " on " + backend;
                    assertEquals(2_000, result.reads() + result.writes(), what);
                    assertEquals(result.reads(), result.readHistogram().getTotalCount(), what + ": read samples");
                    assertEquals(result.writes(), result.writeHistogram().getTotalCount(), what + ": write samples");
                    assertEquals(0, result.staleReads(), what + ": stale reads");
                    assertEquals(0, result.databaseBehind(), what + ": database behind");
                    assertEquals(0, result.cacheStale(), what + ": stale cache entries");
                    assertEquals(result.writes(), result.databaseUpdates(), what + ": one UPDATE per write");
                    long misses = Math.round(result.reads() * (1 - result.hitRatio()));
                    assertEquals(misses, result.databaseSelects(), what + ": one SELECT per miss");
                    assertTrue(result.hitRatio() > 0.5, what + ": hit ratio " + result.hitRatio());
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void writeThroughLeavesNoMissAfterAWriteButCacheAsideDoes(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, USERS, 0)) {
            CacheAside aside = new CacheAside(CaffeineStore.builder().build(), db.table);
            WriteThrough through = new WriteThrough(CaffeineStore.builder().build(), db.table);
            for (CachingPattern pattern : List.of(aside, through)) {
                User user = pattern.read(5);
                pattern.write(user.renamed("Renamed"));
                long missesBefore = pattern.misses();
                assertEquals("Renamed", pattern.read(5).name());
                assertEquals(pattern == aside ? 1 : 0, pattern.misses() - missesBefore, pattern.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void writeBehindAcknowledgesBeforeTheDatabaseAndACrashLosesExactlyWhatWasQueued(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, USERS, 0)) {
            WriteBehind behind = new WriteBehind(CaffeineStore.builder().build(), db.table, Duration.ofHours(1));
            User original = db.table.load(9);
            behind.write(original.renamed("Fast"));
            assertEquals("Fast", behind.read(9).name(), "readers see the acknowledged write through the cache");
            assertEquals(original, db.table.load(9), "the database has not seen it yet");
            assertEquals(1, behind.flush());
            assertEquals("Fast", db.table.load(9).name());

            PatternResult result = workload().run(behind, db.counter);
            assertEquals(0, result.staleReads(), "reads go through the cache, which has every write");
            assertEquals(0, result.cacheStale());
            assertTrue(result.databaseBehind() > 0, "with an hour between flushes the database must lag");
            assertEquals(0, result.databaseUpdates(), "no flush ran during the workload");

            long queued = behind.pendingWrites();
            WriteBehind.LostWrites lost = behind.crash();
            assertEquals(queued, lost.count());
            assertEquals(1, lost.flushedWrites(), "only the write flushed by hand reached the database");
            assertEquals(lost.acknowledgedWrites() - 1, lost.count(), "every later write was still queued");
            assertTrue(lost.count() > result.writes(), "the timed writes and the warm-up's");
            // Count the loss a second way, from the database: acknowledged versions it never received.
            Map<Long, User> inDatabase = db.table.loadRange(1, USERS);
            Map<Long, Long> latestLost = new java.util.HashMap<>();
            lost.lost().forEach(user -> latestLost.merge(user.id(), version(user), Math::max));
            long lostFromDatabase = latestLost.entrySet().stream()
                    .mapToLong(entry -> entry.getValue() - version(inDatabase.get(entry.getKey()))).sum();
            assertEquals(lost.count(), lostFromDatabase);
            assertEquals(latestLost.size(), lost.usersAffected());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void writeBehindFlushesInTheBackgroundAndCloseFlushesTheRest(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, USERS, 0)) {
            WriteBehind behind = new WriteBehind(CaffeineStore.builder().build(), db.table, Duration.ofMillis(20));
            PatternResult result = workload().run(behind, db.counter);
            behind.close();
            assertEquals(0, behind.pendingWrites());
            assertEquals(behind.acknowledgedWrites(), behind.flushedWrites());
            assertTrue(behind.flushes() >= 1);
            Map<Long, User> inDatabase = db.table.loadRange(1, USERS);
            for (long id = 1; id <= USERS; id++) {
                String cached = behind.store().get(CachingPattern.key(id));
                if (cached != null) {
                    assertEquals(User.parse(cached), inDatabase.get(id), "user " + id + " after close()");
                }
            }
            assertTrue(result.writes() > 0);
        }
    }

    /** Two instances with caches of their own disagree after a write; sharing Redis, they never do. */
    @ParameterizedTest
    @MethodSource("backends")
    void localCachesOnTwoInstancesServeStaleDataAndASharedOneDoesNot(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, USERS, 0); Redis redis = TestRedis.open();
             RedisKeySpace space = redis.keySpace("instances_test")) {
            PatternResult local = workload().run(List.of(new CacheAside(CaffeineStore.builder().build(), db.table),
                    new CacheAside(CaffeineStore.builder().build(), db.table)), db.counter);
            assertTrue(local.staleReads() > 0, "two local caches: " + local);
            assertEquals(2, local.instances());
            RedisStore shared = new RedisStore(space, null);
            PatternResult distributed = workload().run(List.of(new CacheAside(shared, db.table),
                    new CacheAside(new RedisStore(space, null), db.table)), db.counter);
            assertEquals(0, distributed.staleReads(), "one shared Redis: " + distributed);
            try (TieredStore a = TieredStore.of(CaffeineStore.builder().build(), shared);
                 TieredStore b = TieredStore.of(CaffeineStore.builder().build(), shared)) {
                PatternResult tiered = workload().run(List.of(new CacheAside(a, db.table), new CacheAside(b, db.table)),
                        db.counter);
                assertTrue(tiered.staleReads() > 0, "tiered without invalidation: " + tiered);
            }
        }
    }

    private static long version(User user) {
        int v = user.name().lastIndexOf(" v");
        return v < 0 ? 0 : Long.parseLong(user.name().substring(v + 2));
    }
}
