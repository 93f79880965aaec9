package org.perflab.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.perflab.check.Require;

/**
 * The Redis a user configured outside the notebook: a URL from the environment variable
 * {@value #URL_ENV} or the system property {@value #URL_PROPERTY} (the property wins), such as
 * {@code redis://127.0.0.1:6379}, {@code redis://:password@host:6379/2} or {@code rediss://host:6380}.
 * The URL of any node of a Redis Cluster works too: the chooser asks that node whether cluster mode
 * is on and then talks to it through Jedis's cluster client.
 *
 * <p>Like the database settings, the URL (and any password in it) is read from the environment
 * only, never written into a notebook; {@link #toString()} masks the password.
 */
public record RedisSettings(String url) {

    public static final String URL_ENV = org.perflab.env.Environment.REDIS_URL_ENV;
    public static final String URL_PROPERTY = "perflab.redis.url";

    public RedisSettings {
        Require.that(url != null && (url.startsWith("redis://") || url.startsWith("rediss://")), URL_ENV,
                "'" + withoutPassword(url) + "'", "a Redis URL starting with 'redis://' or 'rediss://'",
                "set it like redis://127.0.0.1:6379");
        URI uri = parse(url);
        Require.that(uri.getHost() != null && !uri.getHost().isBlank(), URL_ENV, "'" + withoutPassword(url) + "'",
                "a URL that names a host", "write it as redis://host:port, e.g. redis://127.0.0.1:6379");
    }

    /** The settings of this process, or empty when no URL is configured. */
    public static Optional<RedisSettings> fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** The settings found in the given environment and system properties (tests pass their own). */
    public static Optional<RedisSettings> from(Map<String, String> env, Properties systemProperties) {
        String url = blankToNull(systemProperties.getProperty(URL_PROPERTY));
        if (url == null) {
            url = blankToNull(env.get(URL_ENV));
        }
        return url == null ? Optional.empty() : Optional.of(new RedisSettings(url));
    }

    public URI uri() {
        return parse(url);
    }

    /** "host:port", with Redis's default port 6379 when the URL names none. */
    public String location() {
        URI uri = uri();
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** The URL with any password replaced by {@code ***}. */
    public static String withoutPassword(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        int colon = url.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + withoutPassword(url) + "]";
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_ENV + " is not a valid URL: " + withoutPassword(url) + " ("
                    + e.getReason() + ")", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
