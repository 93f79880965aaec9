package org.perflab.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.HdrHistogram.Histogram;
import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cache stampede (thundering herd) on one hot key: {@code threads} requests released at the same
 * instant find its entry due, and the strategy decides how many of them run the expensive load.
 * The cache is Caffeine with a {@link ManualTicker}, so "due" is set exactly; the loader is real
 * (typically a slow database query), so its cost and its contention are real.
 * <ul>
 *   <li>{@link Strategy#CHECK_THEN_LOAD}: {@code getIfPresent}, and on a miss load and {@code put}:
 *       every request that arrives before the first load finishes loads too, so N requests, N loads.</li>
 *   <li>{@link Strategy#COMPUTE_ONCE}: {@code cache.get(key, loader)}: Caffeine runs one load per key
 *       and the other requests wait for its result. One load, but everyone waits for it.</li>
 *   <li>{@link Strategy#REFRESH_AHEAD}: {@code refreshAfterWrite} shorter than the expiry: a request
 *       after the refresh time gets the current value at once and starts one reload in the
 *       background. One load, and nobody waits; the price is serving the old value meanwhile.</li>
 * </ul>
 * Each run starts its own threads and ends them; nothing keeps running after it returns.
 */
public final class Stampede {

    /** How the cache handles requests that find the hot key due. */
    public enum Strategy {
        CHECK_THEN_LOAD("check-then-load (naive)"),
        COMPUTE_ONCE("compute once: get(key, loader)"),
        REFRESH_AHEAD("refresh ahead: refreshAfterWrite");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A loaded value and which load produced it (0: the one that primed the cache). */
    private record Loaded(long load, String value) {
    }

    /** Caffeine needs a key; the hot one. */
    static final String HOT_KEY = "report:monthly";
    private static final long RUN_TIMEOUT_SECONDS = 120;

    private final int threads;
    private final Duration timeToLive;
    private final Duration refreshAfter;
    private final Callable<String> loader;

    private Stampede(Builder builder) {
        this.threads = builder.threads;
        this.timeToLive = builder.timeToLive;
        this.refreshAfter = builder.refreshAfter;
        this.loader = builder.loader;
    }

    /** A stampede on a key whose value {@code loader} computes (it is called once to prime the cache, too). */
    public static Builder builder(Callable<String> loader) {
        return new Builder(loader);
    }

    public StampedeResult run(Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        ManualTicker clock = new ManualTicker();
        AtomicLong loads = new AtomicLong();
        ExecutorService refresher = Executors.newSingleThreadExecutor(daemon("perflab-stampede-refresh"));
        try {
            Caffeine<Object, Object> builder = Caffeine.newBuilder().ticker(clock).expireAfterWrite(timeToLive);
            Cache<String, Loaded> cache;
            LoadingCache<String, Loaded> loading = null;
            if (strategy == Strategy.REFRESH_AHEAD) {
                loading = builder.refreshAfterWrite(refreshAfter).executor(refresher)
                        .build(key -> countedLoad(loads));
                cache = loading;
            } else {
                cache = builder.executor(Runnable::run).build();
            }
            cache.put(HOT_KEY, new Loaded(0, call(loader)));
            // Expired for the two strategies that wait on a miss; only due for refresh for the third.
            clock.advance(strategy == Strategy.REFRESH_AHEAD ? refreshAfter.plusNanos(1) : timeToLive.plusNanos(1));
            LatencyRecorder latency = LatencyRecorder.create();
            AtomicLong previousValues = new AtomicLong();
            Cache<String, Loaded> target = cache;
            runTogether(() -> {
                long start = System.nanoTime();
                Loaded value = request(strategy, target, loads);
                latency.recordNanos(System.nanoTime() - start);
                if (value.load() == 0) {
                    previousValues.incrementAndGet();
                }
            });
            if (loading != null) {
                awaitRefreshes(loading);
            }
            Histogram requests = latency.histogram();
            return new StampedeResult(strategy.label(), threads, loads.get(), LatencySummary.of(requests),
                    previousValues.get(), requests);
        } finally {
            refresher.shutdownNow();
        }
    }

    private Loaded request(Strategy strategy, Cache<String, Loaded> cache, AtomicLong loads) {
        return switch (strategy) {
            case CHECK_THEN_LOAD -> {
                Loaded value = cache.getIfPresent(HOT_KEY);
                if (value == null) {
                    value = countedLoad(loads);
                    cache.put(HOT_KEY, value);
                }
                yield value;
            }
            case COMPUTE_ONCE -> cache.get(HOT_KEY, key -> countedLoad(loads));
            case REFRESH_AHEAD -> ((LoadingCache<String, Loaded>) cache).get(HOT_KEY);
        };
    }

    private Loaded countedLoad(AtomicLong loads) {
        return new Loaded(loads.incrementAndGet(), call(loader));
    }

    private static String call(Callable<String> loader) {
        try {
            return loader.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the stampede's loader failed: " + e, e);
        }
    }

    /** Starts one thread per request, releases them together, and waits for all of them. */
    private void runTogether(Runnable request) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            Thread thread = daemon("perflab-stampede-" + i).newThread(() -> {
                ready.countDown();
                try {
                    go.await();
                    request.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            });
            thread.start();
            started.add(thread);
        }
        try {
            ready.await();
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
            for (Thread thread : started) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    started.forEach(Thread::interrupt);
                    throw new IllegalStateException("the stampede's requests did not finish within "
                            + RUN_TIMEOUT_SECONDS + " s; is the loader stuck?");
                }
            }
        } catch (InterruptedException e) {
            started.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the stampede", e);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + threads + " requests failed; the first: "
                    + failures.get(0), failures.get(0));
        }
    }

    private static void awaitRefreshes(LoadingCache<String, Loaded> cache) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
        while (!cache.policy().refreshes().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the background refresh did not finish within " + RUN_TIMEOUT_SECONDS
                        + " s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the refresh", e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return "Stampede[" + threads + " concurrent requests, expiry " + timeToLive + ", refresh after " + refreshAfter
                + "]";
    }

    /** Defaults: 32 threads, expiry 60 s, refresh after 50 s (replayed clock). */
    public static final class Builder {
        /** Bounded so a run stays a few dozen threads on a laptop. */
        public static final int MAX_THREADS = 256;
        private final Callable<String> loader;
        private int threads = 32;
        private Duration timeToLive = Duration.ofSeconds(60);
        private Duration refreshAfter = Duration.ofSeconds(50);

        private Builder(Callable<String> loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
        }

        public Builder threads(int threads) {
            this.threads = Require.between("threads", threads, 1, MAX_THREADS, "give at least one reader thread");
            return this;
        }

        /** Expiry, and the refresh time that must come before it (replayed clock). */
        public Builder timeToLive(Duration timeToLive, Duration refreshAfter) {
            Require.notNull("timeToLive", timeToLive, "give the expiry, e.g. Duration.ofSeconds(60)");
            Require.positive("refreshAfter", refreshAfter, "give the refresh time, e.g. Duration.ofSeconds(50)");
            Require.that(refreshAfter.compareTo(timeToLive) < 0, "refreshAfter", refreshAfter,
                    "< timeToLive (" + timeToLive + ")", "refresh before the entry expires, e.g. at 80% of it");
            this.timeToLive = timeToLive;
            this.refreshAfter = refreshAfter;
            return this;
        }

        public Stampede build() {
            return new Stampede(this);
        }
    }
}
