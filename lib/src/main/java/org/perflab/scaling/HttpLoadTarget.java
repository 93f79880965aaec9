package org.perflab.scaling;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.perflab.check.Require;
import org.perflab.load.Target;


import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load against a balancer, as a {@link Target}: each {@link #call()} is one {@code GET path}
 * from the next of a fixed set of simulated clients (in turn), over kept-alive connections. It
 * tallies which upstream answered (the {@value #INSTANCE_HEADER} response header) per client and
 * per source address, and counts failures by {@link ErrorKind}, so an experiment that breaks a
 * server can read how many requests failed and how.
 *
 * <pre>{@code
 * try (HttpLoadTarget target = HttpLoadTarget.builder(balancer.host(), balancer.port())
 *         .sourceAddresses(List.of("127.0.0.2", "127.0.0.3")).clients(20).build()) {
 *     LoadResult result = OpenLoopGenerator.builder().target(target)...run();
 *     target.responsesByInstance();   // {a=1002, b=998}
 * }
 * }</pre>
 *
 * <p>Why Apache HttpClient 5 (classic): balancing by client address ({@code balance source})
 * needs requests from several source addresses, and {@code java.net.http} cannot bind a local
 * address. HttpClient 5 keeps a connection pool per route and a route includes the local address,
 * so overriding {@link DefaultRoutePlanner#determineLocalAddress} gives each simulated client its own
 * 127.0.0.x with keep-alive intact; its blocking API fits {@link Target#call()}. (Jetty's client
 * binds one address per client instance only.)
 *
 * <p>Surprises:
 * <ul>
 *   <li>Failures are counted first and then thrown as {@link RequestFailedException}, so a load
 *       generator counts them as failed and does not time them; {@link #send()} answers the outcome
 *       without throwing.</li>
 *   <li>Linux answers on every 127.x.y.z address without configuration; other systems may need
 *       an alias per source address (macOS: {@code ifconfig lo0 alias 127.0.0.2}).</li>
 *   <li>Without {@link Builder#sessions} cookies are ignored, so a sticky-cookie balancer sees every
 *       request as a new visitor.</li>
 * </ul>
 */
public final class HttpLoadTarget implements Target, AutoCloseable {

    /** The response header an upstream names itself in. */
    public static final String INSTANCE_HEADER = "X-Instance";
    /** The instance name tallied for a response without {@value #INSTANCE_HEADER}, such as HAProxy's own 503. */
    public static final String NO_INSTANCE = "(none)";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /** How a request failed. */
    public enum ErrorKind {
        /** The answer was a 5xx status (from an upstream, or from the balancer when none could answer). */
        SERVER_ERROR,
        /** The answer was a 4xx status. */
        CLIENT_ERROR,
        /** Nothing listened on the port. */
        CONNECTION_REFUSED,
        /** The connection was reset or closed before a complete response. */
        CONNECTION_RESET,
        /** No connection or no response within the request timeout. */
        TIMEOUT,
        /** Any other I/O failure. */
        OTHER
    }

    /**
     * One request's outcome.
     *
     * @param client        the simulated client that sent it (0-based)
     * @param sourceAddress the local address it came from
     * @param status        the HTTP status, or 0 when no response arrived
     * @param instance      the {@value #INSTANCE_HEADER} of the response, {@link #NO_INSTANCE} without one,
     *                      or null when no response arrived
     * @param error         how it failed, or null when it succeeded (status below 400)
     * @param detail        the exception's message for a failure without a response, else empty
     * @param nanos         from sending to the end of the response body (or the failure)
     */
    public record Outcome(int client, String sourceAddress, int status, String instance, ErrorKind error,
                          String detail, long nanos) {
        public boolean succeeded() {
            return error == null;
        }
    }

    /** A request that failed; thrown by {@link #call()} after it was counted. No stack trace: it is expected. */
    public static final class RequestFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        RequestFailedException(Outcome outcome) {
            super(outcome.error() + (outcome.status() > 0 ? " (HTTP " + outcome.status() + ")" : "")
                    + (outcome.detail().isEmpty() ? "" : ": " + outcome.detail()), null, false, false);
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    private final HttpHost host;
    private final Duration requestTimeout;
    private final Supplier<String> paths;
    private final String pathDescription;
    private final List<SimulatedClient> clients;
    private final CloseableHttpClient http;
    private final boolean sessions;
    private final AtomicLong nextClient = new AtomicLong();
    private final ResponseTally tally;

    private HttpLoadTarget(Builder builder, List<InetAddress> sourceAddresses) {
        this.host = new HttpHost("http", builder.host, builder.port);
        this.requestTimeout = builder.requestTimeout;
        String fixedPath = builder.path;
        this.paths = builder.paths != null ? builder.paths : () -> fixedPath;
        this.pathDescription = builder.paths != null ? String.valueOf(builder.paths) : fixedPath;
        this.sessions = builder.sessions;
        List<SimulatedClient> simulated = new ArrayList<>();
        for (int i = 0; i < builder.clients; i++) {
            simulated.add(new SimulatedClient(i, sourceAddresses.get(i % sourceAddresses.size()),
                    builder.sessions ? new BasicCookieStore() : null));
        }
        this.clients = List.copyOf(simulated);
        this.http = LoopbackHttpClient.create(builder.maxConnections, sourceAddresses.size(), builder.requestTimeout,
                builder.sessions);
        this.tally = new ResponseTally(client -> clients.get(client).sourceAddress.getHostAddress());
    }

    /** Requests to {@code host:port}, a loopback address such as {@code 127.0.0.1}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Sends one request; counts it, and throws {@link RequestFailedException} if it failed. */
    @Override
    public void call() throws InterruptedException, RequestFailedException {
        Outcome outcome = send();
        if (!outcome.succeeded()) {
            throw new RequestFailedException(outcome);
        }
    }

    /** Sends one request from the next simulated client, counts it and answers how it went; never throws for a failure. */
    public Outcome send() throws InterruptedException {
        SimulatedClient client = clients.get((int) Math.floorMod(nextClient.getAndIncrement(), (long) clients.size()));
        return send(client.index);
    }

    /** Sends one request from simulated client {@code index} (0-based), counts it and answers how it went. */
    public Outcome send(int index) throws InterruptedException {
        return send(index, paths.get());
    }

    /**
     * Sends {@code GET path} from simulated client {@code index}, with that client's cookies: for a conversation
     * such as log in, then use the session. Counts it and answers how it went.
     */
    public Outcome send(int index, String path) throws InterruptedException {
        Require.that(path != null && path.startsWith("/"), "path", "'" + path + "'", "a path starting with /",
                "send a path such as /session/hit");
        Require.between("client", index, 0, clients.size() - 1, "clients are numbered from 0");
        if (Thread.interrupted()) {
            throw new InterruptedException("HTTP load stopped");
        }
        SimulatedClient client = clients.get(index);
        HttpClientContext context = HttpClientContext.create();
        LoopbackHttpClient.sendFrom(context, client.sourceAddress);
        if (client.cookies != null) {
            context.setCookieStore(client.cookies);
        }
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = http.execute(host, new HttpGet(path), context, response -> {
                EntityUtils.consume(response.getEntity());
                Header instance = response.getFirstHeader(INSTANCE_HEADER);
                int status = response.getCode();
                ErrorKind error = status >= 500 ? ErrorKind.SERVER_ERROR : status >= 400 ? ErrorKind.CLIENT_ERROR : null;
                return new Outcome(client.index, client.sourceAddress.getHostAddress(), status,
                        instance == null ? NO_INSTANCE : instance.getValue(), error, "", System.nanoTime() - start);
            });
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                    && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("HTTP load stopped during a request");
            }
            outcome = new Outcome(client.index, client.sourceAddress.getHostAddress(), 0, null, LoopbackHttpClient.kindOf(e),
                    String.valueOf(e.getMessage()), System.nanoTime() - start);
        }
        tally.count(outcome);
        return outcome;
    }

    /** Responses (of any status) per answering instance, by name. */
    public Map<String, Long> responsesByInstance() {
        return tally.responsesByInstance();
    }

    /** For each simulated client, the responses per answering instance. */
    public Map<Integer, Map<String, Long>> instancesByClient() {
        return tally.instancesByClient();
    }

    /** For each source address, the responses per answering instance. */
    public Map<String, Map<String, Long>> instancesBySourceAddress() {
        return tally.instancesBySourceAddress();
    }

    /** Failed requests by kind; kinds that never happened are absent. */
    public Map<ErrorKind, Long> errorsByKind() {
        return tally.errorsByKind();
    }

    public long errors() {
        return tally.errors();
    }

    /** Requests answered with a status below 400. */
    public long successes() {
        return tally.successes();
    }

    /** Zeroes every count (after a warm-up, say); connections and session cookies are kept. */
    public void resetCounts() {
        tally.reset();
    }

    /** Forgets every simulated client's cookies, as if all users started new sessions. */
    public void clearSessions() {
        clients.stream().filter(c -> c.cookies != null).forEach(c -> c.cookies.clear());
    }

    /** The longest a request waits for a connection or for a response before it counts as a timeout. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int clientCount() {
        return clients.size();
    }

    public boolean sessions() {
        return sessions;
    }

    /** Closes the kept-alive connections at once. */
    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GET %s %s from %d clients%s: %d ok, %d failed %s", host.toURI(), pathDescription,
                clients.size(), sessions ? " with sessions" : "", successes(), errors(), errorsByKind());
    }

    /** A simulated client: a source address and, in session mode, its own cookie jar. */
    private record SimulatedClient(int index, InetAddress sourceAddress, CookieStore cookies) {
    }

    /** Defaults: path {@code /}, one client from 127.0.0.1, no sessions, 5 s per request, 64 connections per address. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String path = "/";
        private Supplier<String> paths;
        private List<String> sourceAddresses = List.of("127.0.0.1");
        private int clients = 1;
        private boolean sessions;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder(String host, int port) {
            this.host = Require.notNull("host", host, "pass a loopback address such as 127.0.0.1");
            this.port = Require.between("port", port, 1, 65_535, "pass the balancer's port");
        }

        public Builder path(String path) {
            Require.that(path != null && path.startsWith("/") && path.chars().noneMatch(c -> c <= ' '), "path",
                    "'" + path + "'", "a path starting with / without spaces", "URL-encode it, e.g. /work?cpu_us=100");
            this.path = path;
            return this;
        }

        /**
         * A path for each request, asked once per request from the sending thread (so it must be thread-safe):
         * for requests whose work varies, such as {@link WorkPaths#bimodalWait}. Replaces {@link #path}.
         */
        public Builder paths(Supplier<String> paths) {
            this.paths = Require.notNull("paths", paths, "pass a supplier such as WorkPaths.bimodalWait(...)");
            return this;
        }

        /**
         * Loopback addresses the simulated clients send from, e.g. {@code 127.0.0.2}; client
         * {@code i} uses address {@code i % n}.
         */
        public Builder sourceAddresses(List<String> sourceAddresses) {
            Require.that(sourceAddresses != null && !sourceAddresses.isEmpty(), "sourceAddresses", sourceAddresses,
                    "at least one address", "pass loopback addresses such as List.of(\"127.0.0.1\")");
            this.sourceAddresses = List.copyOf(sourceAddresses);
            return this;
        }

        /** Simulated clients (users); each call goes to the next in turn. At least one per source address. */
        public Builder clients(int clients) {
            this.clients = Require.between("clients", clients, 1, 100_000, "simulate at least one user");
            return this;
        }

        /** Whether each simulated client keeps the cookies it is given (a sticky-session cookie, say). */
        public Builder sessions(boolean sessions) {
            this.sessions = sessions;
            return this;
        }

        /** The longest wait for a connection, and for each read of the response. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Require.between("requestTimeout", requestTimeout, Duration.ofMillis(1),
                    Duration.ofHours(1), "the client counts in milliseconds; 5 s is the default");
            return this;
        }

        /** Kept-alive connections per source address; more concurrent requests wait for one. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = Require.between("maxConnections", maxConnections, 1, 10_000,
                    "allow as many connections per address as requests run at once");
            return this;
        }

        public HttpLoadTarget build() {
            requireLoopback("host", host);
            List<InetAddress> addresses = sourceAddresses.stream().map(a -> requireLoopback("source address", a))
                    .toList();
            if (clients < addresses.size()) {
                throw Require.invalid("clients", clients, "at least the " + addresses.size() + " source addresses",
                        "set clients to at least " + addresses.size());
            }
            return new HttpLoadTarget(this, addresses);
        }

        private static InetAddress requireLoopback(String what, String address) {
            try {
                InetAddress resolved = InetAddress.getByName(address);
                if (!resolved.isLoopbackAddress()) {
                    throw new IllegalArgumentException(what + " " + address + " is not a loopback address;"
                            + " experiments stay on this machine (use 127.0.0.x)");
                }
                return resolved;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(what + " '" + address + "' is not an address: " + e.getMessage(), e);
            }
        }
    }
}
