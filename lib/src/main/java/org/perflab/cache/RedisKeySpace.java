package org.perflab.cache;

import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.perflab.check.Require;

/**
 * The keys of one experiment run, all under {@code perflab:<experiment>:<6 hex>:}, deleted by
 * {@link #close()}. Everything an experiment writes to Redis goes through {@link #key}, so a run
 * never touches another's keys and cleaning up cannot miss one.
 *
 * <p>Keys are found with SCAN (never KEYS, which blocks the server) and deleted with UNLINK (the
 * memory is freed in the background). On a cluster every node is scanned, since SCAN sees only the
 * node it is sent to.
 */
public final class RedisKeySpace implements AutoCloseable {

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9_]+");
    private static final int SCAN_COUNT = 1000;
    private static final int UNLINK_BATCH = 500;

    private final Redis redis;
    private final String prefix;
    private boolean closed;

    RedisKeySpace(Redis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    static String prefixFor(String experiment, Random random) {
        Require.notBlank("experiment", experiment, "name the experiment in letters, digits and _, e.g. \"ttl_sweep\"");
        String slug = NOT_SLUG.matcher(experiment.toLowerCase(Locale.ROOT)).replaceAll("_");
        return "perflab:" + slug + ":" + String.format(Locale.ROOT, "%06x", random.nextInt(1 << 24)) + ":";
    }

    public Redis redis() {
        return redis;
    }

    /** {@code perflab:<experiment>:<hex>:}; contains no glob characters, so it is safe in a SCAN MATCH. */
    public String prefix() {
        return prefix;
    }

    /** The full key for {@code name}: the prefix followed by the name. */
    public String key(String name) {
        return prefix + name;
    }

    /** A sub-space for one part of an experiment: {@code <prefix><part>:}. Closing the parent deletes it too. */
    public RedisKeySpace child(String part) {
        return new RedisKeySpace(redis, prefix + NOT_SLUG.matcher(part.toLowerCase(Locale.ROOT)).replaceAll("_") + ":");
    }

    /** Every key under the prefix right now, sorted (SCAN on every node). */
    public List<String> keys() {
        return redis.call("SCAN for " + prefix + "*", jedis -> new ArrayList<>(scanAll(jedis)));
    }

    public long count() {
        return keys().size();
    }

    /** Deletes every key under the prefix and returns how many there were. */
    public long deleteAll() {
        List<String> keys = keys();
        return redis.call("UNLINK of " + keys.size() + " keys under " + prefix, jedis -> {
            long deleted = 0;
            for (int from = 0; from < keys.size(); from += UNLINK_BATCH) {
                List<String> batch = keys.subList(from, Math.min(keys.size(), from + UNLINK_BATCH));
                deleted += jedis.unlink(batch.toArray(new String[0]));
            }
            return deleted;
        });
    }

    /** Deletes the keys once; later calls do nothing. Does not close the {@link Redis}. */
    @Override
    public synchronized void close() {
        if (!closed && redis.isAvailable()) {
            deleteAll();
        }
        closed = true;
    }

    private TreeSet<String> scanAll(UnifiedJedis jedis) {
        TreeSet<String> keys = new TreeSet<>();
        if (jedis instanceof RedisClusterClient cluster) {
            for (ConnectionPool node : cluster.getClusterNodes().values()) {
                try (Jedis nodeClient = new Jedis(node.getResource())) {
                    scanInto(keys, cursor -> nodeClient.scan(cursor, matchPrefix()));
                }
            }
        } else {
            scanInto(keys, cursor -> jedis.scan(cursor, matchPrefix()));
        }
        return keys;
    }

    private ScanParams matchPrefix() {
        return new ScanParams().match(prefix + "*").count(SCAN_COUNT);
    }

    private static void scanInto(TreeSet<String> keys, Function<String, ScanResult<String>> scan) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = scan.apply(cursor);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    @Override
    public String toString() {
        return "Redis keys " + prefix + "*" + (closed ? " (deleted)" : "");
    }
}
