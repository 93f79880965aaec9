package org.perflab.scaling;

import org.perflab.check.Require;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a throwaway HAProxy is told: one HTTP frontend on a loopback port, one backend of
 * {@link Upstream}s balanced by an {@link Algorithm}, optional health checks, sticky sessions and
 * per-server connection limits, and an admin stats socket. Pure text, so a configuration can be
 * read and tested without HAProxy; {@link HaProxy} runs it.
 *
 * <pre>{@code
 * HaProxyConfig config = HaProxyConfig.builder()
 *         .upstreams(List.of(new Upstream("a", "127.0.0.1", 8081, 3), new Upstream("b", "127.0.0.1", 8082, 1)))
 *         .algorithm(HaProxyConfig.Algorithm.WEIGHTED)
 *         .activeHealthCheck("/health", Duration.ofMillis(500), 2, 2)
 *         .build();
 * }</pre>
 *
 * <p>Surprises:
 * <ul>
 *   <li>Only {@link Algorithm#WEIGHTED} writes the upstreams' weights; the other algorithms treat
 *       every server alike, so one list of upstreams can be compared across algorithms.</li>
 *   <li>Passive checks ({@code observe layer7}) can take a server out but never bring it back:
 *       only a check can. With passive checks and no active ones, a plain TCP connect check at
 *       {@link #DEFAULT_CHECK_INTERVAL} is added for that.</li>
 *   <li>{@code retries} are on the same server unless {@link Builder#redispatch} is set; off by
 *       default, so a failed server shows up as errors instead of being hidden by a retry.</li>
 * </ul>
 */
public final class HaProxyConfig {

    /** How the backend picks a server for a new connection or request. */
    public enum Algorithm {
        /** Each server in turn ({@code balance roundrobin}, weights ignored). */
        ROUND_ROBIN("roundrobin", false),
        /** The server with the fewest connections in progress ({@code balance leastconn}). */
        LEAST_CONNECTIONS("leastconn", false),
        /** A hash of the client's source address: one client address, one server ({@code balance source}). */
        IP_HASH("source", false),
        /** Round robin in proportion to each upstream's weight. */
        WEIGHTED("roundrobin", true),
        /** Two servers drawn at random, the less loaded one wins ({@code balance random(2)}). */
        POWER_OF_TWO_CHOICES("random(2)", false);

        private final String balance;
        private final boolean usesWeights;

        Algorithm(String balance, boolean usesWeights) {
            this.balance = balance;
            this.usesWeights = usesWeights;
        }

        /** The argument of HAProxy's {@code balance} directive. */
        public String balance() {
            return balance;
        }

        public boolean usesWeights() {
            return usesWeights;
        }
    }

    /**
     * HAProxy asks each server {@code GET path} every {@code interval}; {@code fall} failures in a row
     * mark it DOWN, {@code rise} successes in a row UP again.
     */
    public record ActiveHealthCheck(String path, Duration interval, int fall, int rise) {
        public ActiveHealthCheck {
            Require.that(path != null && path.startsWith("/") && path.chars().noneMatch(c -> c <= ' '),
                    "health check path", "'" + path + "'", "a path starting with / without spaces", "use /health");
            requirePositiveMillis("health check interval", interval);
            Require.between("fall", fall, 1, 100, "a few failures in a row, e.g. 2");
            Require.between("rise", rise, 1, 100, "a few successes in a row, e.g. 2");
        }
    }

    public static final String FRONTEND = "perflab_in";
    public static final String BACKEND = "perflab_upstreams";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_RETRIES = 3;
    public static final int DEFAULT_MAX_CONNECTIONS = 4_096;

    private final int listenPort;
    private final Path statsSocket;
    private final List<Upstream> upstreams;
    private final Algorithm algorithm;
    private final ActiveHealthCheck activeHealthCheck;
    private final int passiveErrorLimit;
    private final String stickyCookie;
    private final int maxConnectionsPerServer;
    private final int maxConnections;
    private final Duration connectTimeout;
    private final Duration clientTimeout;
    private final Duration serverTimeout;
    private final Duration queueTimeout;
    private final int retries;
    private final boolean redispatch;

    private HaProxyConfig(Builder builder) {
        this.listenPort = builder.listenPort;
        this.statsSocket = builder.statsSocket;
        this.upstreams = List.copyOf(builder.upstreams);
        this.algorithm = builder.algorithm;
        this.activeHealthCheck = builder.activeHealthCheck;
        this.passiveErrorLimit = builder.passiveErrorLimit;
        this.stickyCookie = builder.stickyCookie;
        this.maxConnectionsPerServer = builder.maxConnectionsPerServer;
        this.maxConnections = builder.maxConnections;
        this.connectTimeout = builder.connectTimeout;
        this.clientTimeout = builder.clientTimeout;
        this.serverTimeout = builder.serverTimeout;
        this.queueTimeout = builder.queueTimeout;
        this.retries = builder.retries;
        this.redispatch = builder.redispatch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change a setting or two. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.listenPort = listenPort;
        builder.statsSocket = statsSocket;
        builder.upstreams.addAll(upstreams);
        builder.algorithm = algorithm;
        builder.activeHealthCheck = activeHealthCheck;
        builder.passiveErrorLimit = passiveErrorLimit;
        builder.stickyCookie = stickyCookie;
        builder.maxConnectionsPerServer = maxConnectionsPerServer;
        builder.maxConnections = maxConnections;
        builder.connectTimeout = connectTimeout;
        builder.clientTimeout = clientTimeout;
        builder.serverTimeout = serverTimeout;
        builder.queueTimeout = queueTimeout;
        builder.retries = retries;
        builder.redispatch = redispatch;
        return builder;
    }

    /** The loopback port the frontend listens on; 0 until chosen ({@link HaProxy} picks a free one). */
    public int listenPort() {
        return listenPort;
    }

    /** The admin stats socket, or null for none ({@link HaProxy} puts one in its directory). */
    public Path statsSocket() {
        return statsSocket;
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The active check, or null when servers are not checked. */
    public ActiveHealthCheck activeHealthCheck() {
        return activeHealthCheck;
    }

    /** Consecutive failed responses that mark a server DOWN (passive checks), or 0 when off. */
    public int passiveErrorLimit() {
        return passiveErrorLimit;
    }

    /** The cookie HAProxy inserts to keep a client on its server, or null without sticky sessions. */
    public String stickyCookie() {
        return stickyCookie;
    }

    /** Requests one server handles at once, the rest queue in HAProxy; 0 for no limit. */
    public int maxConnectionsPerServer() {
        return maxConnectionsPerServer;
    }

    /** The HAProxy configuration file's text ({@link HaProxyConfigFile}). */
    public String render() {
        return HaProxyConfigFile.render(this);
    }

    // The settings only the configuration file needs.

    int maxConnections() {
        return maxConnections;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration clientTimeout() {
        return clientTimeout;
    }

    Duration serverTimeout() {
        return serverTimeout;
    }

    Duration queueTimeout() {
        return queueTimeout;
    }

    int retries() {
        return retries;
    }

    boolean redispatch() {
        return redispatch;
    }

    private static Duration requirePositiveMillis(String property, Duration value) {
        return Require.between(property, value, Duration.ofMillis(1), Duration.ofDays(1),
                "HAProxy counts timeouts in milliseconds: give at least 1 ms");
    }

    @Override
    public String toString() {
        return "HAProxy " + algorithm + " over " + upstreams.size() + " upstreams"
                + (activeHealthCheck != null ? ", active checks" : "")
                + (passiveErrorLimit > 0 ? ", passive checks" : "")
                + (stickyCookie != null ? ", sticky cookie " + stickyCookie : "")
                + (maxConnectionsPerServer > 0 ? ", maxconn " + maxConnectionsPerServer + " per server" : "");
    }

    /**
     * Defaults: round robin, no checks, no sticky sessions, no per-server limit, connect timeout 2 s,
     * client and server timeouts 30 s, queue timeout 10 s, 3 retries without redispatch.
     */
    public static final class Builder {
        private int listenPort;
        private Path statsSocket;
        private final List<Upstream> upstreams = new ArrayList<>();
        private Algorithm algorithm = Algorithm.ROUND_ROBIN;
        private ActiveHealthCheck activeHealthCheck;
        private int passiveErrorLimit;
        private String stickyCookie;
        private int maxConnectionsPerServer;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration clientTimeout = DEFAULT_CLIENT_TIMEOUT;
        private Duration serverTimeout = DEFAULT_SERVER_TIMEOUT;
        private Duration queueTimeout = DEFAULT_QUEUE_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private boolean redispatch;

        private Builder() {
        }

        /** The loopback port to listen on; {@link HaProxy} sets a free one itself. */
        public Builder listenPort(int listenPort) {
            this.listenPort = Require.between("listenPort", listenPort, 1, 65_535,
                    "leave it unset and HaProxy.start() picks a free one");
            return this;
        }

        /** Where the admin socket goes (at most 100 characters, a Unix socket path limit); {@link HaProxy} sets it. */
        public Builder statsSocket(Path statsSocket) {
            String text = Require.notNull("statsSocket", statsSocket, "leave it unset and HaProxy sets one").toString();
            Require.that(text.length() <= 100 && text.chars().noneMatch(Character::isWhitespace), "statsSocket",
                    "'" + text + "'", "a path of at most 100 characters without spaces",
                    "a Unix socket path is that short: put it in a short directory such as /tmp");
            this.statsSocket = statsSocket;
            return this;
        }

        /** Replaces the upstreams; names must differ. */
        public Builder upstreams(List<Upstream> upstreams) {
            this.upstreams.clear();
            upstreams.forEach(this::upstream);
            return this;
        }

        public Builder upstream(Upstream upstream) {
            Require.notNull("upstream", upstream, "pass new Upstream(name, host, port, weight)");
            if (this.upstreams.stream().anyMatch(u -> u.name().equals(upstream.name()))) {
                throw new IllegalArgumentException("two upstreams are named " + upstream.name()
                        + "; HAProxy needs a distinct name for each server");
            }
            this.upstreams.add(upstream);
            return this;
        }

        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = Require.notNull("algorithm", algorithm, "pick one of HaProxyConfig.Algorithm");
            return this;
        }

        /** Checks each server with {@code GET path} every {@code interval}; see {@link ActiveHealthCheck}. */
        public Builder activeHealthCheck(String path, Duration interval, int fall, int rise) {
            this.activeHealthCheck = new ActiveHealthCheck(path, interval, fall, rise);
            return this;
        }

        public Builder noActiveHealthCheck() {
            this.activeHealthCheck = null;
            return this;
        }

        /**
         * Watches real responses: {@code errorLimit} failed ones in a row (5xx, refused or broken
         * connections) mark the server DOWN at once ({@code observe layer7 ... on-error mark-down}).
         * 0 turns it off.
         */
        public Builder passiveHealthCheck(int errorLimit) {
            this.passiveErrorLimit = Require.between("passive errorLimit", errorLimit, 0, 10_000,
                    "use 0 to turn passive checks off, or a few errors, e.g. 3");
            return this;
        }

        /** Sticky sessions: HAProxy inserts cookie {@code name} naming the server, and sends the client back there. */
        public Builder stickyCookie(String name) {
            Require.that(name != null && name.matches("[A-Za-z0-9_-]+"), "stickyCookie", "'" + name + "'",
                    "a cookie name of letters, digits, _ and -", "use a name such as SERVERID");
            this.stickyCookie = name;
            return this;
        }

        public Builder noStickyCookie() {
            this.stickyCookie = null;
            return this;
        }

        /**
         * Requests each server handles at once; the rest wait in HAProxy's queue (up to the queue
         * timeout). Models a server with a fixed number of workers. 0 for no limit.
         */
        public Builder maxConnectionsPerServer(int maxConnectionsPerServer) {
            this.maxConnectionsPerServer = Require.between("maxConnectionsPerServer", maxConnectionsPerServer, 0,
                    100_000, "use 0 for no limit, or the server's worker count");
            return this;
        }

        /** Client connections HAProxy accepts in total (global maxconn). */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = Require.between("maxConnections", maxConnections, 1, 100_000,
                    "allow at least as many connections as the load generator opens");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositiveMillis("connectTimeout", connectTimeout);
            return this;
        }

        /** How long HAProxy waits for a client to send (and an idle keep-alive connection to stay open). */
        public Builder clientTimeout(Duration clientTimeout) {
            this.clientTimeout = requirePositiveMillis("clientTimeout", clientTimeout);
            return this;
        }

        /** How long HAProxy waits for a server's response before answering 504. */
        public Builder serverTimeout(Duration serverTimeout) {
            this.serverTimeout = requirePositiveMillis("serverTimeout", serverTimeout);
            return this;
        }

        /** How long a request may wait for a server slot (see {@link #maxConnectionsPerServer}) before a 503. */
        public Builder queueTimeout(Duration queueTimeout) {
            this.queueTimeout = requirePositiveMillis("queueTimeout", queueTimeout);
            return this;
        }

        /** Connection attempts HAProxy repeats after a failed connect to a server. */
        public Builder retries(int retries) {
            this.retries = Require.between("retries", retries, 0, 100, "use 0 for none, HAProxy's default is 3");
            return this;
        }

        /** Whether the last retry may go to another server ({@code option redispatch}). */
        public Builder redispatch(boolean redispatch) {
            this.redispatch = redispatch;
            return this;
        }

        public HaProxyConfig build() {
            if (upstreams.isEmpty()) {
                throw new IllegalStateException("HAProxy needs at least one upstream: call upstream(...) or upstreams(...)");
            }
            return new HaProxyConfig(this);
        }
    }
}
