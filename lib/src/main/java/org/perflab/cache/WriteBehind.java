package org.perflab.cache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.perflab.check.Require;

/**
 * Write-behind (write-back): a write puts the new value in the cache, queues it, and returns; a
 * flusher thread writes the queue to the database every {@code flushInterval}, as one batch in one
 * transaction. Writes are fast and the database sees few round trips, but until a flush the
 * acknowledged writes exist only in the cache and in this process's queue.
 *
 * <p>{@link #crash()} shows the risk: it stops the flusher the way a killed process would, without a
 * last flush, and returns the writes the caller was told had succeeded that the database will never
 * see. {@link #close()} is the graceful stop: one last flush, then the flusher ends.
 */
public final class WriteBehind extends CachingPattern {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

    /** What a crash took with it. */
    public record LostWrites(long acknowledgedWrites, long flushedWrites, List<User> lost) {
        public LostWrites {
            lost = List.copyOf(lost);
        }

        /** Acknowledged writes that never reached the database. */
        public long count() {
            return lost.size();
        }

        /** Distinct users whose latest acknowledged state the database does not have. */
        public long usersAffected() {
            return lost.stream().mapToLong(User::id).distinct().count();
        }
    }

    private final Duration flushInterval;
    private final Object queueLock = new Object();
    private final Object flushLock = new Object();
    private final ArrayDeque<User> pending = new ArrayDeque<>();
    private final ScheduledExecutorService flusher;
    private long acknowledged;
    private long flushed;
    private long flushes;
    private long mostPending;
    private boolean stopped;
    private RuntimeException lastFlushFailure;

    public WriteBehind(CacheStore store, UserTable table, Duration flushInterval) {
        super("write-behind", store, table);
        Objects.requireNonNull(flushInterval, "flushInterval");
        Require.that(flushInterval.toMillis() >= 1, "flushInterval", flushInterval, ">= 1 ms",
                "flush at most every millisecond, e.g. Duration.ofMillis(100)");
        this.flushInterval = flushInterval;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perflab-write-behind-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Puts the value in the cache and queues the database write; returns without touching the database. */
    @Override
    public void write(User user) {
        synchronized (queueLock) {
            if (stopped) {
                throw new IllegalStateException("write-behind is stopped (crashed or closed); " + acknowledged
                        + " writes were acknowledged before that");
            }
            store().put(key(user.id()), user.serialize());
            pending.addLast(user);
            acknowledged++;
            mostPending = Math.max(mostPending, pending.size());
        }
    }

    /** Writes everything queued so far to the database now, in order, as one batch; returns how many. */
    public int flush() {
        synchronized (flushLock) {
            List<User> batch;
            synchronized (queueLock) {
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            try {
                table().updateAll(batch);
            } catch (RuntimeException e) {
                synchronized (queueLock) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        pending.addFirst(batch.get(i));
                    }
                }
                throw e;
            }
            synchronized (queueLock) {
                flushed += batch.size();
                if (!batch.isEmpty()) {
                    flushes++;
                }
            }
            return batch.size();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Kept queued for the next attempt; the failure is reported by lastFlushFailure().
            synchronized (queueLock) {
                lastFlushFailure = e;
            }
        }
    }

    /**
     * Stops the flusher as a crash would: no final flush. A flush already running is allowed to
     * finish (its batch is committed or rolled back as a whole); what is still queued is lost.
     */
    public LostWrites crash() {
        flusher.shutdownNow();
        awaitFlusher();
        synchronized (flushLock) {
            synchronized (queueLock) {
                stopped = true;
                List<User> lost = new ArrayList<>(pending);
                pending.clear();
                return new LostWrites(acknowledged, flushed, lost);
            }
        }
    }

    /** Graceful stop: one last flush, then the flusher ends. Idempotent; does nothing after {@link #crash()}. */
    @Override
    public void close() {
        synchronized (queueLock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        flusher.shutdown();
        awaitFlusher();
        flush();
    }

    private void awaitFlusher() {
        try {
            if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the write-behind flusher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the write-behind flusher", e);
        }
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    /** Writes acknowledged but not yet in the database. */
    public long pendingWrites() {
        synchronized (queueLock) {
            return pending.size();
        }
    }

    /** The most acknowledged writes the database lacked at one time: how far it trailed the cache. */
    public long mostPendingWrites() {
        synchronized (queueLock) {
            return mostPending;
        }
    }

    public long acknowledgedWrites() {
        synchronized (queueLock) {
            return acknowledged;
        }
    }

    public long flushedWrites() {
        synchronized (queueLock) {
            return flushed;
        }
    }

    /** Batches written to the database (empty flushes not counted). */
    public long flushes() {
        synchronized (queueLock) {
            return flushes;
        }
    }

    /** The last periodic flush that failed (its writes stayed queued), or null. */
    public RuntimeException lastFlushFailure() {
        synchronized (queueLock) {
            return lastFlushFailure;
        }
    }
}
