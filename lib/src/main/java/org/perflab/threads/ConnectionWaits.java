package org.perflab.threads;

import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import org.perflab.pool.ExperimentPool;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Requests that each borrow a connection from a pool and run one query, arriving on an open-loop
 * schedule and run by the caller's threads (one virtual thread per request, say). While it runs, the
 * number of threads waiting for a connection is sampled, and each request's wait for its connection
 * is timed: Little's law says the mean number waiting is the arrival rate times the mean wait, however
 * many threads there are.
 */
public final class ConnectionWaits {

    /** How often the pool's waiting-thread count is sampled. */
    static final Duration SAMPLE_EVERY = Duration.ofMillis(2);

    private ConnectionWaits() {
    }

    /**
     * What one run measured.
     *
     * @param offeredPerSec   the schedule's arrival rate
     * @param meanWaiting     the sampled mean of threads waiting for a connection
     * @param connectionWait  each request's wait for its connection
     * @param load            the generator's result: latency from intended start, completions, rate
     */
    public record Run(double offeredPerSec, double meanWaiting, LatencySummary connectionWait, LoadResult load) {
        /**
         * Little's law's prediction of {@link #meanWaiting}: the rate requests went through × their mean
         * wait, both over the same wall time as the samples.
         */
        public double littlesLawWaiting() {
            return throughputPerSec() * connectionWait.meanNanos() / 1e9;
        }

        /** Completed requests per second of wall time, drain included: what the pool let through. */
        public double throughputPerSec() {
            return load.completed() / load.elapsedSec();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f/s offered, %.0f/s through; waiting for a connection: %.1f threads"
                            + " on average (Little's law: %.1f), mean wait %.2f ms, p99 %.1f ms (%d requests)",
                    offeredPerSec, throughputPerSec(), meanWaiting, littlesLawWaiting(),
                    connectionWait.meanMillis(), load.latency().p99Millis(), load.completed());
        }
    }

    /** Runs {@code sql} once per request at {@code ratePerSec} for {@code duration}, each on a thread from {@code handlers}. */
    public static Run run(ExperimentPool pool, String sql, double ratePerSec, Duration duration,
                          String handlersName, Supplier<? extends ExecutorService> handlers) throws Exception {
        LatencyRecorder waits = LatencyRecorder.create();
        DoubleAdder waitingSum = new DoubleAdder();
        LongAdder samples = new LongAdder();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                waitingSum.add(pool.snapshot().waiting());
                samples.increment();
                try {
                    Thread.sleep(SAMPLE_EVERY.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "perflab-connection-waits");
        sampler.setDaemon(true);
        LoadResult load;
        sampler.start();
        try {
            load = OpenLoopGenerator.builder()
                    .schedule(ArrivalSchedule.poisson(ratePerSec, 10))
                    .duration(duration)
                    .handlers(handlersName, handlers)
                    .target(() -> {
                        long asked = System.nanoTime();
                        try (Connection connection = pool.dataSource().getConnection()) {
                            waits.recordNanos(System.nanoTime() - asked);
                            try (Statement statement = connection.createStatement()) {
                                statement.execute(sql);
                            }
                        }
                    })
                    .build().run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        if (load.failed() > 0) {
            throw new IllegalStateException(load.failed() + " requests failed; the first: " + load.firstFailure(),
                    load.firstFailure());
        }
        return new Run(ratePerSec, waitingSum.sum() / Math.max(1, samples.sum()), waits.summary(), load);
    }
}
