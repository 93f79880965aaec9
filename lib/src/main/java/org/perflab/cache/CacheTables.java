package org.perflab.cache;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Tablesaw tables of this package; every numeric column name ends in its unit or names what it counts. */
final class CacheTables {

    private CacheTables() {
    }

    static Table patterns(List<PatternResult> results) {
        return new RowTable<PatternResult>("caching patterns")
                .text("pattern", PatternResult::pattern)
                .text("cache", PatternResult::store)
                .count("instances", PatternResult::instances)
                .count("reads", PatternResult::reads)
                .count("writes", PatternResult::writes)
                .decimal("read_p50_ms", result -> result.readLatency().p50Millis())
                .decimal("read_p99_ms", result -> result.readLatency().p99Millis())
                .decimal("write_p50_ms", result -> result.writeLatency().p50Millis())
                .decimal("write_p99_ms", result -> result.writeLatency().p99Millis())
                .decimal("hit_ratio", PatternResult::hitRatio)
                .count("db_selects", PatternResult::databaseSelects)
                .count("db_updates", PatternResult::databaseUpdates)
                .count("db_round_trips", PatternResult::databaseRoundTrips)
                .count("stale_reads", PatternResult::staleReads)
                .count("db_behind_keys", PatternResult::databaseBehind)
                .count("stale_cache_keys", PatternResult::cacheStale)
                .of(results);
    }

    static Table staleness(List<StalenessResult> results) {
        return new RowTable<StalenessResult>("staleness")
                .text("invalidation", result -> result.invalidation().label())
                .decimal("ttl_s", result -> result.timeToLive() == null ? Double.NaN
                        : result.timeToLive().toNanos() / 1e9)
                .count("reads", StalenessResult::reads)
                .decimal("hit_ratio", StalenessResult::hitRatio)
                .count("stale_reads", StalenessResult::staleReads)
                .decimal("stale_fraction", StalenessResult::staleFraction)
                .count("writes", StalenessResult::writes)
                .count("forgotten_writes", StalenessResult::forgottenWrites)
                .decimal("max_stale_age_s", StalenessResult::maxStaleAgeSeconds)
                .of(results);
    }

    static Table stampedes(List<StampedeResult> results) {
        return new RowTable<StampedeResult>("stampede")
                .text("strategy", StampedeResult::strategy)
                .count("requests", StampedeResult::threads)
                .count("loads", StampedeResult::loads)
                .decimal("p50_ms", result -> result.latency().p50Millis())
                .decimal("p99_ms", result -> result.latency().p99Millis())
                .decimal("max_ms", result -> result.latency().maxMillis())
                .count("answered_with_previous_value", StampedeResult::previousValues)
                .of(results);
    }

    /** One row per trace and cache size, one hit-ratio column per policy, in the order first seen. */
    static Table hitRatios(List<HitRatio> results) {
        Map<String, PolicyRow> rows = new LinkedHashMap<>();
        List<String> policies = new ArrayList<>();
        for (HitRatio result : results) {
            rows.computeIfAbsent(result.trace() + "\u0000" + result.cacheSize(), key -> new PolicyRow(result))
                    .ratios().put(result.policy(), result.ratio());
            if (!policies.contains(result.policy())) {
                policies.add(result.policy());
            }
        }
        RowTable<PolicyRow> table = new RowTable<PolicyRow>("hit ratio")
                .text("trace", row -> row.first().trace())
                .count("requests", row -> row.first().requests())
                .count("cache_size", row -> row.first().cacheSize());
        for (String policy : policies) {
            table.decimal(policy, row -> row.ratios().getOrDefault(policy, Double.NaN));
        }
        return table.of(new ArrayList<>(rows.values()));
    }

    /** One trace at one cache size: its first result, and the hit ratio of each policy. */
    private record PolicyRow(HitRatio first, Map<String, Double> ratios) {
        PolicyRow(HitRatio first) {
            this(first, new LinkedHashMap<>());
        }
    }
}
