package org.perflab.queueing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.load.Target;

/**
 * A real server to measure: {@code workers} threads taking requests from <b>one shared queue</b>
 * and serving each for a time drawn from a {@link Distribution}. It is a {@link Target}, so the
 * load generators can drive it, and it measures itself: queue wait, service time, utilization.
 *
 * <p>Service is a timed wait by default ({@code LockSupport.parkNanos}): it uses no CPU, so on a
 * two-core machine the server does not compete with the generator and behaves like an M/G/c queue.
 * Parking overshoots by tens of microseconds, visible in the measured service time; keep mean
 * service times in milliseconds. With {@link Builder#cpuBound(boolean)} the worker spins instead,
 * like real computation: then more workers than cores just share the cores, and measured service
 * times stretch (the lesson about CPU-bound pools).
 *
 * <p>{@link #call()} blocks until the request is served, so whoever drives the server needs as many
 * threads as requests in flight (Little's law: arrival rate x response time). Call {@link #close()}
 * when done: it stops the workers and fails requests still waiting.
 */
public final class LiveServer implements Target, AutoCloseable {

    private final int workers;
    private final Distribution serviceTime;
    private final boolean cpuBound;
    private final long seed;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder busyNanos = new LongAdder();
    private final LatencyRecorder queueWait = LatencyRecorder.create();
    private final LatencyRecorder measuredService = LatencyRecorder.create();
    private volatile long statsStartNanos;
    private volatile boolean closed;

    private LiveServer(Builder builder) {
        this.workers = builder.workers;
        this.serviceTime = builder.serviceTime;
        this.cpuBound = builder.cpuBound;
        this.seed = builder.seed;
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < workers; i++) {
            // One stream per worker: SplittableRandom is not thread-safe, and no lock on the hot path.
            SplittableRandom random = root.split();
            Thread thread = new Thread(() -> serve(random), "perflab-server-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        this.statsStartNanos = System.nanoTime();
        threads.forEach(Thread::start);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues one request and waits until a worker has served it.
     *
     * @throws InterruptedException  if the caller is interrupted while waiting (the request may
     *                               still be served)
     * @throws IllegalStateException if the server is closed, or closes while the request waits
     */
    @Override
    public void call() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("server is closed; build a new LiveServer");
        }
        Request request = new Request(System.nanoTime());
        queue.add(request);
        if (closed && queue.remove(request)) {
            // close() drained the queue between our check and our add: nobody would ever serve this.
            request.fail("server closed before this request was served");
        }
        request.done.await();
        if (request.failure != null) {
            throw request.failure;
        }
    }

    /** A snapshot of the measurements since start or the last {@link #resetStats()}. */
    public ServerStats stats() {
        long wallNanos = System.nanoTime() - statsStartNanos;
        var service = measuredService.summary();
        return new ServerStats(workers, service.count(), wallNanos / 1e9,
                wallNanos > 0 ? busyNanos.sum() / ((double) workers * wallNanos) : 0,
                queueWait.summary(), service);
    }

    /** Starts a new measurement window, e.g. after a warm-up. */
    public void resetStats() {
        statsStartNanos = System.nanoTime();
        busyNanos.reset();
        queueWait.reset();
        measuredService.reset();
    }

    public int workers() {
        return workers;
    }

    /** The seed of the service-time draws, so a run's sequence of service times can be repeated. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "LiveServer(" + workers + " workers, one shared queue, service " + serviceTime
                + (cpuBound ? ", CPU-bound" : ", timed wait") + ", seed " + seed + ")";
    }

    /** Stops the workers and fails every request still queued; idempotent. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        Request request;
        while ((request = queue.poll()) != null) {
            request.fail("server closed before this request was served");
        }
    }

    private void serve(SplittableRandom random) {
        Thread current = Thread.currentThread();
        while (!current.isInterrupted()) {
            Request request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            long startNanos = System.nanoTime();
            queueWait.recordNanos(startNanos - request.enqueuedNanos);
            long deadlineNanos = startNanos + Math.round(serviceTime.sampleNanos(random));
            boolean served = cpuBound ? spinUntil(deadlineNanos) : parkUntil(deadlineNanos);
            long endNanos = System.nanoTime();
            busyNanos.add(endNanos - startNanos);
            if (served) {
                measuredService.recordNanos(endNanos - startNanos);
                request.complete();
            } else {
                request.fail("server closed while serving this request");
                return;
            }
        }
    }

    private static boolean parkUntil(long deadlineNanos) {
        Thread current = Thread.currentThread();
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (current.isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(remaining);
        }
        return true;
    }

    private static boolean spinUntil(long deadlineNanos) {
        Thread current = Thread.currentThread();
        while (deadlineNanos - System.nanoTime() > 0) {
            if (current.isInterrupted()) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private static final class Request {
        final long enqueuedNanos;
        final CountDownLatch done = new CountDownLatch(1);
        volatile IllegalStateException failure;

        Request(long enqueuedNanos) {
            this.enqueuedNanos = enqueuedNanos;
        }

        void complete() {
            done.countDown();
        }

        void fail(String reason) {
            failure = new IllegalStateException(reason);
            done.countDown();
        }
    }

    /** Configures a {@link LiveServer}; {@code serviceTime} is required. */
    public static final class Builder {
        /** More workers than this is a mistake, not an experiment. */
        static final int MAX_WORKERS = 10_000;

        private int workers = 1;
        private Distribution serviceTime;
        private boolean cpuBound;
        private long seed = new SplittableRandom().nextLong();

        private Builder() {
        }

        /** Worker threads, all taking from the one queue. Default 1. */
        public Builder workers(int workers) {
            this.workers = Require.between("workers", workers, 1, MAX_WORKERS, "give the server at least one worker");
            return this;
        }

        public Builder serviceTime(Distribution serviceTime) {
            this.serviceTime = Objects.requireNonNull(serviceTime, "serviceTime");
            return this;
        }

        /** Spin on the CPU for the service time instead of parking. Default false. */
        public Builder cpuBound(boolean cpuBound) {
            this.cpuBound = cpuBound;
            return this;
        }

        /** Seed for the service times. Default: a fresh one. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds the server and starts its workers. */
        public LiveServer build() {
            if (serviceTime == null) {
                throw new IllegalStateException("serviceTime must be set, e.g. Distribution.exponential(Duration.ofMillis(5))");
            }
            return new LiveServer(this);
        }
    }
}
