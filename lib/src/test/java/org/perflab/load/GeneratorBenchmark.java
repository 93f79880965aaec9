package org.perflab.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * How fast the open-loop generator itself is: a no-op target at a high constant rate, once with the
 * scheduler calling the target inline and once through a worker pool. Prints requested and achieved
 * rate, their ratio, and the latency percentiles, which here are the generator's own overhead (the
 * floor under every measurement it makes). Not a unit test: it asserts nothing and needs a quiet
 * machine to mean anything.
 *
 * <p>Arguments (all optional): rate per second (default 50000), seconds per run (default 10),
 * worker threads for the pooled run (default 2).
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double ratePerSec = args.length > 0 ? Double.parseDouble(args[0]) : 50_000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int pooledWorkers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf(Locale.ROOT, "JDK %s, %d cores, no-op target, %.0f req/s for %d s per run%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), ratePerSec, seconds);
        // Tail latencies here are mostly the OS descheduling the scheduler thread: say how busy the machine was.
        System.out.printf(Locale.ROOT, "system load average before the runs: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // Warm-up so the JIT has compiled the scheduler loop before anything is reported.
        run(ratePerSec, 2, 0);
        run(ratePerSec, 2, pooledWorkers);

        report("inline (workerThreads 0)", run(ratePerSec, seconds, 0));
        report("pool (workerThreads " + pooledWorkers + ")", run(ratePerSec, seconds, pooledWorkers));
    }

    private static LoadResult run(double ratePerSec, long seconds, int workers) throws LoadInterruptedException {
        return OpenLoopGenerator.builder()
                .target(Target.noOp())
                .schedule(ArrivalSchedule.constantRate(ratePerSec))
                .duration(Duration.ofSeconds(seconds))
                .workerThreads(workers)
                .build()
                .run();
    }

    private static void report(String mode, LoadResult result) {
        System.out.printf(Locale.ROOT, "%n== %s ==%n", mode);
        System.out.printf(Locale.ROOT, "requested  %.1f req/s%n", result.requestedRatePerSec());
        System.out.printf(Locale.ROOT, "achieved   %.1f req/s%n", result.achievedRatePerSec());
        System.out.printf(Locale.ROOT, "ratio      %.5f (%s 1%% of requested)%n", result.achievedToRequestedRatio(),
                Math.abs(1 - result.achievedToRequestedRatio()) <= 0.01 ? "within" : "NOT within");
        System.out.printf(Locale.ROOT, "completed %d, failed %d, late %d, dropped %d, max in flight %d%n",
                result.completed(), result.failed(), result.late(), result.dropped(), result.maxInFlight());
        System.out.println("generator overhead (no-op target, from intended start): " + result.latency());
        result.warnings().forEach(w -> System.out.println("WARNING: " + w));
    }
}
