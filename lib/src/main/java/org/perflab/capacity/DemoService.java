package org.perflab.capacity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.perflab.check.Require;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A service with a capacity known in advance, for learning to measure a service before measuring your own: an
 * HTTP server on loopback whose {@code workers} threads each hold a request for {@code holdTime} (a timed wait,
 * standing for a call to a database or another service) plus {@code serialTime} inside one lock that every
 * request takes (the part of the work that cannot run in parallel). Requests beyond the workers wait in the
 * server's queue. Its capacity is therefore
 * <pre>
 *     workers / (holdTime + serialTime)   requests per second
 * </pre>
 * as long as the lock itself is not the limit ({@code serialTime x capacity < 1}, checked when it starts), and
 * it does not depend on the machine's CPU: waiting costs no CPU, so a 2-core machine that also runs the load
 * generator still sees the same knee.
 *
 * <p>Every path answers the same way, whatever the method; a request body is read and discarded.
 * {@link #answerWithServerErrors(boolean)} switches it into a 500 storm (every request answers 500 at once,
 * without holding a worker), for seeing how a measurement ends when the target breaks.
 *
 * <p>Why not {@link org.perflab.scaling.ServiceInstance}: that is a fleet member in a JVM of its own, with a
 * database pool and sessions; this one lives in the notebook's JVM, starts in milliseconds, and its only
 * configuration is what sets its capacity.
 */
public final class DemoService implements AutoCloseable {

    public static final int DEFAULT_WORKERS = 40;
    public static final Duration DEFAULT_HOLD_TIME = Duration.ofMillis(100);
    public static final Duration DEFAULT_SERIAL_TIME = Duration.ofMillis(1).dividedBy(2);
    /** Connections waiting to be accepted; far above what a sweep of a few hundred requests/s opens. */
    private static final int BACKLOG = 1_024;

    private final int workers;
    private final Duration holdTime;
    private final Duration serialTime;
    private final HttpServer server;
    private final ExecutorService workerPool;
    private final ReentrantLock serialSection = new ReentrantLock();
    private final LongAdder served = new LongAdder();
    private volatile boolean serverErrors;

    private DemoService(Builder builder) throws IOException {
        this.workers = builder.workers;
        this.holdTime = builder.holdTime;
        this.serialTime = builder.serialTime;
        AtomicInteger threadNumber = new AtomicInteger();
        this.workerPool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "perflab-demo-service-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.createContext("/", this::handle);
        server.setExecutor(workerPool);
        server.start();
    }

    /**
     * Defaults: 40 workers, 100 ms held, 0.5 ms serial: a capacity of 40 / 100.5 ms = 398 requests/s. A long hold
     * keeps the capacity close to the configured one on a busy machine: a descheduled worker wakes, and the HTTP
     * exchange around it runs, a few ms late whatever it waited for (measured under a load average of 12 on 2 cores:
     * 4 to 11 ms), which is 20 to 50% of 21 ms but 4 to 11% of 100.
     */
    public static Builder builder() {
        return new Builder();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            if (serverErrors) {
                respond(exchange, 500, "server-error mode");
                return;
            }
            try {
                holdFor(holdTime.toNanos());
                serialSection.lockInterruptibly();
                try {
                    holdFor(serialTime.toNanos());
                } finally {
                    serialSection.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 503, "stopping");
                return;
            }
            served.increment();
            respond(exchange, 200, "ok");
        }
    }

    /**
     * Waits {@code nanos} without CPU. Not {@code Thread.sleep(Duration)}: before JDK 21 it rounds a fraction of a
     * millisecond up to a whole one, which would make the 0.5 ms serial part 1 ms on JDK 17.
     */
    private static void holdFor(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("demo service stopping");
            }
        }
    }

    /**
     * A status line and headers, no body: the JDK's server writes headers and body separately, and with Nagle's
     * algorithm on its socket the body would wait for the client's delayed ACK, adding up to 40 ms to a request
     * (measured: p90 of 60 to 100 ms for 21 ms of work). One write has nothing to wait for.
     */
    private static void respond(HttpExchange exchange, int status, String reason) throws IOException {
        exchange.getResponseHeaders().set("X-Demo-Service", reason);
        exchange.sendResponseHeaders(status, -1);
    }

    /** Whether every request answers 500 from now on (a 500 storm), or is served normally again. */
    public DemoService answerWithServerErrors(boolean serverErrors) {
        this.serverErrors = serverErrors;
        return this;
    }

    /** {@code workers / (holdTime + serialTime)}, requests per second: where the knee should be found. */
    public double configuredCapacityPerSec() {
        return capacityPerSec(workers, holdTime, serialTime);
    }

    private static double capacityPerSec(int workers, Duration holdTime, Duration serialTime) {
        return workers / ((holdTime.toNanos() + serialTime.toNanos()) / 1e9);
    }

    /** {@code http://127.0.0.1:<port>/}: the address to measure. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered 200 so far. */
    public long requestsServed() {
        return served.sum();
    }

    /** Stops accepting at once and interrupts the workers; requests still held answer 503. */
    @Override
    public void close() {
        server.stop(0);
        workerPool.shutdownNow();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "demo service at %s: %d workers, each request held %.1f ms plus %.1f ms in one"
                        + " lock (capacity %d / %.1f ms = %.0f requests/s)%s", uri(), workers, holdTime.toNanos() / 1e6,
                serialTime.toNanos() / 1e6, workers, (holdTime.toNanos() + serialTime.toNanos()) / 1e6,
                configuredCapacityPerSec(), serverErrors ? "; answering 500 to everything" : "");
    }

    /** Configures a {@link DemoService}. */
    public static final class Builder {
        private int workers = DEFAULT_WORKERS;
        private Duration holdTime = DEFAULT_HOLD_TIME;
        private Duration serialTime = DEFAULT_SERIAL_TIME;

        private Builder() {
        }

        /** Threads that serve requests at once; the rest queue. Default 40. */
        public Builder workers(int workers) {
            this.workers = Require.between("workers", workers, 1, 1_000, "give the demo service 1 to 1000 workers");
            return this;
        }

        /** How long each request holds its worker before the serial part (a timed wait, no CPU). Default 100 ms. */
        public Builder holdTime(Duration holdTime) {
            this.holdTime = Require.between("holdTime", holdTime, Duration.ofMillis(1), Duration.ofSeconds(10),
                    "hold each request 1 ms to 10 s");
            return this;
        }

        /** How long each request holds the one lock every request takes (0 for none). Default 0.5 ms. */
        public Builder serialTime(Duration serialTime) {
            this.serialTime = Require.between("serialTime", serialTime, Duration.ZERO, Duration.ofSeconds(1),
                    "hold the shared lock 0 to 1 s per request");
            return this;
        }

        /** Starts it on a free port of the loopback address. */
        public DemoService start() throws IOException {
            double lockUtilization = capacityPerSec(workers, holdTime, serialTime) * serialTime.toNanos() / 1e9;
            Require.that(lockUtilization < 0.8, "serialTime", serialTime,
                    "below 80% of the lock's time at the workers' capacity (it would be " + Math.round(100 * lockUtilization) + "%)",
                    "shorten serialTime or use fewer workers, so the configured capacity is workers / (hold + serial)");
            return new DemoService(Objects.requireNonNull(this));
        }
    }
}
