package org.perflab.cache;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Opens Jedis clients whose every wait is bounded: TCP connect, each reply, and borrowing a pooled
 * connection all give up after the same timeout, so a wrong port or a stopped server fails within
 * seconds instead of hanging a notebook cell.
 */
final class RedisClients {

    /** What the client is, which server answered, and whether it runs in cluster mode. */
    record Opened(UnifiedJedis client, String serverVersion, boolean cluster) {
    }

    private RedisClients() {
    }

    /**
     * A standalone client first; when the server says {@code cluster_enabled:1}, that client is closed
     * and a cluster client seeded with the same node takes its place.
     */
    static Opened open(URI uri, int timeoutMs, int maxConnections) {
        HostAndPort node = JedisURIHelper.getHostAndPort(uri);
        JedisClientConfig config = clientConfig(uri, timeoutMs);
        RedisClient standalone = RedisClient.builder().hostAndPort(node).clientConfig(config)
                .poolConfig(poolConfig(maxConnections, timeoutMs)).build();
        String serverInfo;
        String clusterInfo;
        try {
            serverInfo = standalone.info("server");
            clusterInfo = standalone.info("cluster");
        } catch (RuntimeException e) {
            standalone.close();
            throw e;
        }
        String version = infoField(serverInfo, "redis_version");
        if (!"1".equals(infoField(clusterInfo, "cluster_enabled"))) {
            return new Opened(standalone, version, false);
        }
        standalone.close();
        RedisClusterClient cluster = RedisClusterClient.builder().nodes(Set.of(node)).clientConfig(config)
                .poolConfig(poolConfig(maxConnections, timeoutMs)).maxAttempts(2)
                .maxTotalRetriesDuration(Duration.ofMillis(2L * timeoutMs)).build();
        return new Opened(cluster, version, true);
    }

    static JedisClientConfig clientConfig(URI uri, int timeoutMs) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs)
                .clientName("perflab");
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(SslOptions.defaults());
        }
        String user = JedisURIHelper.getUser(uri);
        String password = JedisURIHelper.getPassword(uri);
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        return config.build();
    }

    private static ConnectionPoolConfig poolConfig(int maxConnections, int timeoutMs) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(timeoutMs));
        return pool;
    }

    /** One {@code name:value} field of an INFO reply, or null. */
    static String infoField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
