package org.perflab.cache;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class StalenessReplayIT {

    static List<String> backends() {
        return org.perflab.db.TestDatabases.backends();
    }

    private static StalenessReplay replay(double forgettingShare) {
        return StalenessReplay.builder().users(50).readsPerSecond(500).writesPerSecond(10)
                .duration(Duration.ofSeconds(20)).forgettingShare(forgettingShare).seed(3).build();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void deletingOnEveryWriteNeverServesStaleDataAndATtlBoundsHowOld(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, 50, 0)) {
            StalenessResult events = replay(0.2).run(db.table, Invalidation.DELETE_ON_WRITE, Duration.ofSeconds(5));
            assertEquals(0, events.staleReads());
            assertEquals(0, events.forgottenWrites());
            assertTrue(events.writes() > 100 && events.reads() > 5_000, events.toString());

            Duration ttl = Duration.ofSeconds(2);
            StalenessResult ttlOnly = replay(0.2).run(db.table, Invalidation.TTL_ONLY, ttl);
            assertTrue(ttlOnly.staleReads() > 0, ttlOnly.toString());
            assertTrue(ttlOnly.maxStaleAgeNanos() < ttl.toNanos(), "a stale read older than the TTL: " + ttlOnly);
            assertEquals(ttlOnly.reads(), events.reads(), "the same seed replays the same reads");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aForgottenPathServesStaleDataUntilTheNextInvalidatingWrite(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, 50, 0)) {
            StalenessResult none = replay(0).run(db.table, Invalidation.DELETE_ON_WRITE_ONE_PATH_FORGETS, null);
            assertEquals(0, none.staleReads(), "a share of 0 forgets nothing");
            StalenessResult forgetting = replay(0.2).run(db.table, Invalidation.DELETE_ON_WRITE_ONE_PATH_FORGETS, null);
            assertTrue(forgetting.forgottenWrites() > 0 && forgetting.forgottenWrites() < forgetting.writes());
            assertTrue(forgetting.staleReads() > 0, forgetting.toString());
            assertTrue(forgetting.hitRatio() > 0.9, "without a TTL nearly every read is a hit: " + forgetting);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theMeasuredStaleFractionFollowsTheModel(String backend) throws Exception {
        try (UsersFixture db = new UsersFixture(backend, 50, 0)) {
            StalenessReplay replay = StalenessReplay.builder().users(50).readsPerSecond(500).writesPerSecond(25)
                    .duration(Duration.ofSeconds(60)).seed(11).build();
            Duration ttl = Duration.ofSeconds(2);
            StalenessResult measured = replay.run(db.table, Invalidation.TTL_ONLY, ttl);
            double model = StalenessReplay.expectedStaleFraction(replay.readsPerSecondPerKey(),
                    replay.writesPerSecondPerKey(), ttl);
            assertEquals(model, measured.staleFraction(), model * 0.15, measured.toString());
        }
    }
}
