package org.perflab.cache;

import org.perflab.testing.Requirement;

import java.util.Optional;

/**
 * The Redis the cache tests run against: the one {@code PERFLAB_REDIS_URL} names, or the machine's at
 * 127.0.0.1:6379. Skipped when it does not answer, except under CI=true, where that fails the test.
 */
final class TestRedis {

    static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private TestRedis() {
    }

    static RedisSettings settings() {
        return RedisSettings.fromEnvironment().orElse(new RedisSettings(DEFAULT_URL));
    }

    static Redis open() {
        try {
            return RedisChooser.builder().settings(Optional.of(settings())).build().choose();
        } catch (RedisUnavailableException e) {
            Requirement.skipUnlessCi(e, "Redis");
            throw e; // not reached: skipUnlessCi throws
        }
    }
}
