package org.perflab.queueing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.perflab.charts.XyChart;
import org.perflab.check.Require;
import tech.tablesaw.plotly.components.Figure;

/**
 * A burst run live on a one-worker {@link LiveServer}: Poisson arrivals at a base rate, and for
 * {@code burstLength} from {@code burstAt} at the burst rate, each request sent at its intended
 * time on a thread of its own and timed from that time. The requests inside the server are counted every {@code sampleEvery} by their own
 * thread ({@link InSystemCounter}), and each request's latency is kept with the time it was sent,
 * so the queue and p99 can be drawn over time.
 *
 * <p>The fluid model predicts what a burst above capacity does: while it lasts the queue grows by
 * (burst rate − 1/S) per second, and after it drains at (1/S − base rate) per second, so a burst
 * four times the capacity for 200 ms leaves a queue that takes far longer than 200 ms to clear.
 * {@link Result#fluidPeak()} and {@link Result#fluidDrainMs()} are those predictions, from the
 * service time the server measured.
 */
public final class LiveBurst {

    private final Builder settings;

    private LiveBurst(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One burst run.
     *
     * @param serviceMs       the mean service time the server measured
     * @param sampleTimesSec  when each count was taken, seconds from the start
     * @param inSystem        requests inside the server (waiting or in service) at each count
     * @param sentSec         each completed request's send time, seconds from the start
     * @param latencyMs       each completed request's time from its intended send to its answer
     */
    public record Result(double baseRatePerSec, double burstRatePerSec, double burstStartSec, double burstEndSec,
                         double serviceMs, double[] sampleTimesSec, int[] inSystem, double[] sentSec, double[] latencyMs) {

        /** How long the burst lasted. */
        public double burstSec() {
            return burstEndSec - burstStartSec;
        }

        /** The most requests counted inside at once. */
        public int peakInSystem() {
            return Arrays.stream(inSystem).max().orElse(0);
        }

        /** Fluid model: requests inside when the burst ends, (burst rate − 1/S) × its length, if it exceeds capacity. */
        public double fluidPeak() {
            return Math.max(0, (burstRatePerSec - 1_000 / serviceMs) * burstSec());
        }

        /** Fluid model: ms after the burst until that queue has drained at (1/S − base rate). */
        public double fluidDrainMs() {
            return fluidPeak() / (1_000 / serviceMs - baseRatePerSec) * 1_000;
        }

        /**
         * Ms from the burst's end to the first count at or below {@code calm} requests inside; NaN when the
         * queue had not come down by the end of the run.
         */
        public double drainMs(int calm) {
            double end = burstEndSec;
            for (int i = 0; i < sampleTimesSec.length; i++) {
                if (sampleTimesSec[i] >= end && inSystem[i] <= calm) {
                    return (sampleTimesSec[i] - end) * 1_000;
                }
            }
            return Double.NaN;
        }

        /** p99 of the requests sent in each {@code width} window: {window start s, p99 ms}; windows with none skipped. */
        public double[][] p99OverTime(Duration width) {
            double w = width.toNanos() / 1e9;
            int windows = (int) Math.ceil(Arrays.stream(sentSec).max().orElse(0) / w) + 1;
            Histogram[] histograms = new Histogram[windows];
            for (int i = 0; i < sentSec.length; i++) {
                int k = (int) (sentSec[i] / w);
                if (histograms[k] == null) {
                    histograms[k] = new Histogram(3);
                }
                histograms[k].recordValue(Math.max(1, Math.round(latencyMs[i] * 1_000)));   // µs
            }
            return java.util.stream.IntStream.range(0, windows).filter(k -> histograms[k] != null)
                    .mapToObj(k -> new double[] {k * w, histograms[k].getValueAtPercentile(99) / 1_000.0})
                    .toArray(double[][]::new);
        }

        /** Requests inside the server over time (a solid line), the fluid model dashed, the burst shaded. */
        public Figure queueChart(String title) {
            double end = sampleTimesSec.length == 0 ? burstEndSec : sampleTimesSec[sampleTimesSec.length - 1];
            double drainEnd = burstEndSec + fluidDrainMs() / 1_000;
            Figure figure = XyChart.builder(title).xTitle("time since start (s)").yTitle("requests in the server (waiting or in service)")
                    .line("fluid model: grows at λ − 1/S, drains at 1/S − λ",
                            new double[] {0, burstStartSec, burstEndSec, drainEnd, Math.max(end, drainEnd)}, new double[] {0, 0, fluidPeak(), 0, 0})
                    .build();
            ChartOverlays.band(figure, "burst", burstStartSec, burstEndSec, 0, Math.max(Math.max(1, peakInSystem()), fluidPeak()) * 1.05);
            return ChartOverlays.measuredLine(figure, "counted every " + Math.round(sampleIntervalSec() * 1_000) + " ms",
                    sampleTimesSec, Arrays.stream(inSystem).asDoubleStream().toArray());
        }

        /**
         * p99 per window of send time (a solid line, log axis), the burst shaded, and the fluid model's p99: M/M/1's at
         * the base rate plus the fluid queue's work, queue × S, for a request sent while it is there.
         */
        public Figure p99Chart(String title, Duration width) {
            double[][] windows = p99OverTime(width);
            double[] x = Arrays.stream(windows).mapToDouble(w -> w[0] + width.toNanos() / 2e9).toArray();
            double[] y = Arrays.stream(windows).mapToDouble(w -> w[1]).toArray();
            double rho = baseRatePerSec * serviceMs / 1_000;
            double calm = rho < 1 ? Math.log(100) * serviceMs / (1 - rho) : serviceMs;
            double drainEnd = burstEndSec + fluidDrainMs() / 1_000, end = Math.max(x.length == 0 ? 0 : x[x.length - 1], drainEnd);
            Figure figure = XyChart.builder(title).xTitle("time sent since start (s)").yTitle("p99 latency (ms)").logY(true)
                    .line("fluid model: M/M/1 p99 at the base rate + queue × S",
                            new double[] {0, burstStartSec, burstEndSec, drainEnd, end},
                            new double[] {calm, calm, calm + fluidPeak() * serviceMs, calm, calm})
                    .build();
            double low = Math.min(calm, Arrays.stream(y).min().orElse(calm)), high = Math.max(calm + fluidPeak() * serviceMs, Arrays.stream(y).max().orElse(calm));
            ChartOverlays.band(figure, "burst", burstStartSec, burstEndSec, low / 1.5, high * 1.5);
            return ChartOverlays.measuredLine(figure, "measured p99 of the requests sent in each " + width.toMillis() + " ms", x, y);
        }

        private double sampleIntervalSec() {
            return sampleTimesSec.length > 1 ? (sampleTimesSec[sampleTimesSec.length - 1] - sampleTimesSec[0]) / (sampleTimesSec.length - 1) : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f requests/s, %.0f for %.0f ms from %.0f ms; S = %.2f ms: peak %d inside"
                            + " (fluid model %.0f), drained %.0f ms after the burst (fluid model %.0f ms); %d requests",
                    baseRatePerSec, burstRatePerSec, burstSec() * 1_000, burstStartSec * 1_000, serviceMs, peakInSystem(),
                    fluidPeak(), drainMs(calmLevel()), fluidDrainMs(), sentSec.length);
        }

        /** A queue "back to normal": what M/M/1 holds on average at the base rate, rounded up, at least 1. */
        public int calmLevel() {
            double rho = baseRatePerSec * serviceMs / 1_000;
            return rho < 1 ? Math.max(1, (int) Math.ceil(rho / (1 - rho))) : Integer.MAX_VALUE;
        }
    }

    /** Runs the burst on a fresh server and answers what was counted and timed. */
    public Result run() throws Exception {
        Builder s = settings;
        long[] offsets = arrivals(s);
        ConcurrentLinkedQueue<long[]> timed = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        // Sender threads started before the clock (starting hundreds during the burst would take the CPU the
        // server's timer needs), more than the deepest queue: a request rarely waits for a sender, and when it does
        // its latency is still timed from its intended send.
        java.util.concurrent.ThreadPoolExecutor senders = new java.util.concurrent.ThreadPoolExecutor(s.senders, s.senders,
                0, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "perflab-live-burst");
                    thread.setDaemon(true);
                    return thread;
                });
        senders.prestartAllCoreThreads();
        try (LiveServer server = LiveServer.builder().serviceTime(s.serviceTime).seed(s.seed).build();
             InSystemCounter counter = InSystemCounter.start(server, s.sampleEvery)) {
            long start = System.nanoTime();
            for (long offset : offsets) {
                long intended = start + offset;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("burst run interrupted");
                }
                senders.execute(() -> {
                    try {
                        counter.call();
                        timed.add(new long[] {offset, System.nanoTime() - intended});
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(s.runLength.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("requests of the burst run were still waiting 30 s after its end");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a request of the burst run failed: " + failure.get(), failure.get());
            }
            counter.close();
            long[][] requests = timed.toArray(new long[0][]);
            Arrays.sort(requests, (a, b) -> Long.compare(a[0], b[0]));
            return new Result(s.baseRatePerSec, s.burstRatePerSec, s.burstAt.toNanos() / 1e9,
                    s.burstAt.plus(s.burstLength).toNanos() / 1e9, server.stats().serviceTime().meanMillis(),
                    counter.sampleTimesSec(), counter.sampleCounts(),
                    Arrays.stream(requests).mapToDouble(r -> r[0] / 1e9).toArray(),
                    Arrays.stream(requests).mapToDouble(r -> r[1] / 1e6).toArray());
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Poisson arrival offsets (ns) at the base rate, and at the burst rate inside the burst. Exact for a
     * rate that changes at the burst's edges: a gap that would cross an edge restarts at the edge, which
     * the exponential's lack of memory allows.
     */
    static long[] arrivals(Builder s) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(s.seed);
        double from = s.burstAt.toNanos() / 1e9, to = s.burstAt.plus(s.burstLength).toNanos() / 1e9;
        double end = s.runLength.toNanos() / 1e9;
        java.util.List<Long> offsets = new java.util.ArrayList<>();
        double t = 0;
        while (true) {
            boolean inBurst = t >= from && t < to;
            double next = t - Math.log(1 - random.nextDouble()) / (inBurst ? s.burstRatePerSec : s.baseRatePerSec);
            double edge = t < from ? from : t < to ? to : end;
            if (next >= edge) {
                if (edge >= end) {
                    break;
                }
                t = edge;
                continue;
            }
            t = next;
            offsets.add(Math.round(t * 1e9));
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    /** Settings of a burst run; service time and both rates are required. */
    public static final class Builder {
        private Distribution serviceTime;
        private double baseRatePerSec = Double.NaN;
        private double burstRatePerSec = Double.NaN;
        private Duration burstAt = Duration.ofMillis(500);
        private Duration burstLength = Duration.ofMillis(200);
        private Duration runLength = Duration.ofSeconds(3);
        private Duration sampleEvery = Duration.ofMillis(5);
        private long seed = 1;
        private int senders = 1_024;

        private Builder() {
        }

        /** Threads that send requests, started before the run: more than the deepest queue. Default 1,024. */
        public Builder senders(int senders) {
            this.senders = Require.atLeast("senders", senders, 1, "give more senders than the deepest queue, e.g. 1024");
            return this;
        }

        public Builder serviceTime(Distribution serviceTime) {
            this.serviceTime = Objects.requireNonNull(serviceTime, "serviceTime");
            return this;
        }

        /** Arrivals per second before and after the burst. */
        public Builder baseRate(double perSec) {
            this.baseRatePerSec = Require.positiveFinite("baseRate", perSec, "give requests per second, e.g. 200");
            return this;
        }

        /** Arrivals per second during the burst; above the base rate. */
        public Builder burstRate(double perSec) {
            this.burstRatePerSec = Require.positiveFinite("burstRate", perSec, "give requests per second, e.g. 200");
            return this;
        }

        /** When the burst starts and how long it lasts. Defaults 500 ms and 200 ms. */
        public Builder burst(Duration at, Duration length) {
            this.burstAt = Objects.requireNonNull(at, "at");
            this.burstLength = Objects.requireNonNull(length, "length");
            return this;
        }

        /** The whole run. Default 3 s. */
        public Builder runLength(Duration runLength) {
            this.runLength = Objects.requireNonNull(runLength, "runLength");
            return this;
        }

        /** How often the requests inside are counted. Default 5 ms. */
        public Builder sampleEvery(Duration sampleEvery) {
            this.sampleEvery = Objects.requireNonNull(sampleEvery, "sampleEvery");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public LiveBurst build() {
            if (serviceTime == null) {
                throw new IllegalStateException("a burst run needs serviceTime(...), e.g. Distribution.exponential(Duration.ofMillis(2))");
            }
            if (Double.isNaN(baseRatePerSec) || Double.isNaN(burstRatePerSec)) {
                throw new IllegalStateException("a burst run needs baseRate(...) and burstRate(...)");
            }
            if (!(burstRatePerSec > baseRatePerSec)) {
                throw new IllegalArgumentException("the burst rate (" + burstRatePerSec + "/s) must exceed the base rate ("
                        + baseRatePerSec + "/s)");
            }
            if (burstAt.plus(burstLength).compareTo(runLength) >= 0) {
                throw new IllegalArgumentException("the run (" + runLength + ") must last past the burst's end (" + burstAt
                        + " + " + burstLength + ") to see the queue drain");
            }
            return new LiveBurst(this);
        }
    }
}
