package org.perflab.pool;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.perflab.check.Require;

/**
 * Samples a pool's {@link PoolSnapshot} at a fixed interval on a daemon thread, for a chart of
 * active, idle, waiting and total over an experiment. {@link #toTable()} columns:
 * {@code elapsed_ms, active, idle, waiting, total}.
 *
 * <p>Surprise: a sampler sees the pool only at its ticks; a burst of waiting shorter than the
 * interval can fall between two samples. Keep the interval well under the requests' duration.
 */
public final class PoolSampler implements AutoCloseable {

    public static final long MIN_INTERVAL_MS = 1;

    private record Sample(long elapsedMs, PoolSnapshot snapshot) {
    }

    private final Supplier<PoolSnapshot> source;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private ScheduledExecutorService timer;

    PoolSampler(Supplier<PoolSnapshot> source, LongSupplier nanoClock) {
        this.source = source;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Starts sampling {@code pool} every {@code interval}, beginning now. */
    public static PoolSampler start(ExperimentPool pool, Duration interval) {
        Require.notNull("interval", interval, "give the sampling interval, e.g. Duration.ofMillis(10)");
        Require.that(interval.toMillis() >= MIN_INTERVAL_MS, "interval", interval, ">= " + MIN_INTERVAL_MS + " ms",
                "sample at most every " + MIN_INTERVAL_MS + " ms; the pool's counts do not change faster");
        long intervalMs = interval.toMillis();
        PoolSampler sampler = new PoolSampler(pool::snapshot, System::nanoTime);
        sampler.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perflab-pool-sampler-" + pool.name());
            thread.setDaemon(true);
            return thread;
        });
        sampler.timer.scheduleAtFixedRate(sampler::sampleNow, 0, intervalMs, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Takes one sample now (the timer calls this; tests call it with a fake clock). */
    public void sampleNow() {
        PoolSnapshot snapshot = source.get();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - startNanos);
        synchronized (samples) {
            samples.add(new Sample(elapsedMs, snapshot));
        }
    }

    public int sampleCount() {
        synchronized (samples) {
            return samples.size();
        }
    }

    /** The highest {@code waiting} seen: above zero means some request queued for a connection. */
    public int maxWaiting() {
        synchronized (samples) {
            return samples.stream().mapToInt(sample -> sample.snapshot.waiting()).max().orElse(0);
        }
    }

    /** Every sample so far, oldest first. */
    public Table toTable() {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        LongColumn elapsed = LongColumn.create("elapsed_ms");
        IntColumn active = IntColumn.create("active");
        IntColumn idle = IntColumn.create("idle");
        IntColumn waiting = IntColumn.create("waiting");
        IntColumn total = IntColumn.create("total");
        for (Sample sample : copy) {
            elapsed.append(sample.elapsedMs);
            active.append(sample.snapshot.active());
            idle.append(sample.snapshot.idle());
            waiting.append(sample.snapshot.waiting());
            total.append(sample.snapshot.total());
        }
        return Table.create("Pool over time", elapsed, active, idle, waiting, total);
    }

    /** Stops the timer (waiting up to a second for a sample in progress); samples stay readable. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
