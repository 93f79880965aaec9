package org.perflab.scaling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-process HTTP servers on loopback for the balancer tests: each answers {@code /} with its name
 * in {@code X-Instance}, {@code /health} with 200, {@code /fail} with 500, {@code /slow} after a
 * second; each records the source addresses it saw. Can be stopped and restarted on the same port.
 */
final class TestInstances implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each kept-alive
        // response then waits ~40 ms for a delayed ACK. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One server. */
    static final class Instance {
        final String name;
        private final int port;
        private HttpServer server;
        private ExecutorService executor;
        final Set<String> remoteAddresses = ConcurrentHashMap.newKeySet();
        final LongAdder requests = new LongAdder();
        final Map<String, String> lastCookie = new ConcurrentHashMap<>();
        /** Client address:port pairs, one per TCP connection. */
        final Set<String> connections = ConcurrentHashMap.newKeySet();
        /** Cookie headers received, and how often. */
        final Map<String, LongAdder> cookies = new ConcurrentHashMap<>();
        private final LongAdder visitors = new LongAdder();
        /** When set, every request but a health check gets a 500, as from a broken deploy. */
        volatile boolean failing;

        Instance(String name, int port) throws IOException {
            this.name = name;
            this.server = start(port);
            this.port = server.getAddress().getPort();
        }

        int port() {
            return port;
        }

        Upstream upstream(int weight) {
            return new Upstream(name, "127.0.0.1", port, weight);
        }

        synchronized void stop() {
            if (server != null) {
                server.stop(0);
                executor.shutdownNow();
                server = null;
            }
        }

        synchronized void restart() throws IOException {
            if (server == null) {
                server = start(port);
            }
        }

        private HttpServer start(int onPort) throws IOException {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "test-instance-" + name);
                thread.setDaemon(true);
                return thread;
            });
            created.setExecutor(executor);
            created.createContext("/", this::handle);
            created.start();
            return created;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!path.equals("/health")) {
                    requests.increment();
                    remoteAddresses.add(exchange.getRemoteAddress().getAddress().getHostAddress());
                    connections.add(exchange.getRemoteAddress().toString());
                }
                String cookie = exchange.getRequestHeaders().getFirst("Cookie");
                if (cookie != null) {
                    lastCookie.put("Cookie", cookie);
                    cookies.computeIfAbsent(cookie, c -> new LongAdder()).increment();
                } else if (path.equals("/visit")) {
                    visitors.increment();
                    exchange.getResponseHeaders().add("Set-Cookie", "visitor=" + name + visitors.sum() + "; Path=/");
                }
                int status = 200;
                if (path.equals("/fail") || (failing && !path.equals("/health"))) {
                    status = 500;
                } else if (path.equals("/slow")) {
                    sleep(1_000);
                }
                byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set(HttpLoadTarget.INSTANCE_HEADER, name);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    final List<Instance> instances = new ArrayList<>();

    /** {@code count} servers named a, b, c... on free loopback ports. */
    static TestInstances start(int count) {
        TestInstances started = new TestInstances();
        try {
            for (int i = 0; i < count; i++) {
                started.instances.add(new Instance(String.valueOf((char) ('a' + i)), 0));
            }
        } catch (IOException e) {
            started.close();
            throw new UncheckedIOException(e);
        }
        return started;
    }

    Instance get(int index) {
        return instances.get(index);
    }

    /** One upstream per server, all of weight 1. */
    List<Upstream> upstreams() {
        return instances.stream().map(i -> i.upstream(1)).toList();
    }

    @Override
    public void close() {
        instances.forEach(Instance::stop);
    }
}
