package org.perflab.scaling;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.perflab.check.Require;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import tech.tablesaw.plotly.components.Figure;

/**
 * One instance of a local fleet killed in the middle of a steady open-loop load through a balancer, and
 * started again later: how many requests fail, for how long, and how soon the restarted instance gets
 * traffic again. The kill is a SIGKILL (a crash, not a graceful drain), so whatever the balancer does about it
 * is all that protects the clients.
 */
public final class InstanceFailure {

    /** The most generator threads a run may start; beyond it, lower the rate or the client's timeout. */
    static final int MAX_THREADS = 2_000;

    /**
     * @param load              the generator's whole-run result (percentiles free of coordinated omission)
     * @param timeline          every request with its send time, for the chart and the figures below
     * @param stoppedAt         when the instance was killed, since the start
     * @param restartedAt       when it was healthy again (its own /health), since the start
     * @param errorsWhileDown   failed requests sent between the kill and the restart
     * @param lastErrorAfterStopMs milliseconds from the kill to the last failed request sent before the restart:
     *                          how long the balancer kept sending to the dead instance (0 when nothing failed)
     * @param backAfterRestartMs milliseconds from the restart to the restarted instance's first answer (NaN if none)
     */
    public record Result(String balancer, LoadResult load, RequestTimeline timeline, Duration stoppedAt,
                         Duration restartedAt, long errorsWhileDown, double lastErrorAfterStopMs, double backAfterRestartMs) {

        public Figure chart(String title) {
            return timeline.chart(title, Duration.ofMillis(100), List.of(
                    new RequestTimeline.Event("instance killed", stoppedAt),
                    new RequestTimeline.Event("instance healthy again", restartedAt)));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d requests, %,d failed; %,d failed while the instance was down,"
                            + " the last %.0f ms after the kill; the restarted instance answered %.0f ms after it was healthy",
                    balancer, load.completed() + load.failed(), load.failed(), errorsWhileDown, lastErrorAfterStopMs,
                    backAfterRestartMs);
        }
    }

    private InstanceFailure() {
    }

    /**
     * Sends {@code ratePerSec} Poisson arrivals through {@code balancer} for {@code duration}, kills instance
     * {@code instance} of {@code fleet} at {@code stopAt} and restarts it at {@code restartAt}.
     */
    public static Result run(ServiceFleet fleet, HaProxy balancer, HttpLoadTarget target, int instance, double ratePerSec,
                             Duration duration, Duration stopAt, Duration restartAt, long seed)
            throws LoadInterruptedException, InterruptedException {
        Require.notNull("fleet", fleet, "pass the ServiceFleet whose instance to kill");
        Require.that(fleet.isLocal(), "fleet", fleet, "a fleet this notebook started",
                "start one with ServiceFleet.builder()...start(); external servers cannot be killed from here");
        Require.notNull("balancer", balancer, "pass the HaProxy in front of the fleet");
        Require.notNull("target", target, "pass an HttpLoadTarget aimed at the balancer");
        Require.nonNegative("stopAt", stopAt, "kill the instance some seconds into the run, e.g. Duration.ofSeconds(5)");
        Require.notNull("restartAt", restartAt, "restart the instance later in the run, e.g. Duration.ofSeconds(15)");
        Require.notNull("duration", duration, "run for longer than restartAt, e.g. Duration.ofSeconds(25)");
        Require.that(stopAt.compareTo(restartAt) < 0, "stopAt", stopAt, "before restartAt (" + restartAt + ")",
                "kill the instance before restarting it, e.g. stopAt 5 s and restartAt 15 s");
        Require.that(restartAt.compareTo(duration) < 0, "restartAt", restartAt, "before the run's end (duration "
                + duration + ")", "restart earlier or run longer, so the restarted instance is seen to get traffic again");
        String name = fleet.upstream(instance).name();
        RequestTimeline timeline = new RequestTimeline(target);
        // A request sent to a dead instance can hang until the client's timeout; the generator needs a thread for
        // each one in flight, or it falls behind its schedule and sends the dead instance fewer requests than
        // independent clients would (the coordinated omission this project warns about).
        int threads = (int) Math.min(MAX_THREADS, Math.max(64, Math.ceil(ratePerSec * (target.requestTimeout().toNanos() / 1e9 + 1))));
        OpenLoopGenerator generator = OpenLoopGenerator.builder().target(timeline)
                .schedule(ArrivalSchedule.poisson(ratePerSec, seed)).duration(duration).workerThreads(threads).build();
        ExecutorService operator = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "perflab-instance-failure");
            thread.setDaemon(true);
            return thread;
        });
        long[] stoppedAndRestarted = new long[2];
        try {
            timeline.restart();
            Future<?> operations = operator.submit(() -> {
                sleepUntil(timeline, stopAt);
                fleet.stop(instance);
                stoppedAndRestarted[0] = timeline.now();
                sleepUntil(timeline, restartAt);
                fleet.restart(instance);
                stoppedAndRestarted[1] = timeline.now();
                return null;
            });
            LoadResult load = generator.run();
            try {
                operations.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("stopping or restarting " + name + " failed: " + e.getCause(), e);
            }
            Duration stopped = Duration.ofNanos(stoppedAndRestarted[0]);
            Duration restarted = Duration.ofNanos(stoppedAndRestarted[1]);
            OptionalDouble lastError = timeline.entries().stream()
                    .filter(e -> !e.succeeded() && e.sentNanos() >= stopped.toNanos() && e.sentNanos() < restarted.toNanos())
                    .mapToDouble(e -> (e.sentNanos() - stopped.toNanos()) / 1e6).max();
            return new Result(balancer.config().algorithm().balance() + describeChecks(balancer.config()), load, timeline,
                    stopped, restarted, timeline.errorsBetween(stopped, restarted), lastError.orElse(0),
                    timeline.firstAnsweredBy(name, restarted).orElse(Double.NaN));
        } finally {
            operator.shutdownNow();
        }
    }

    private static String describeChecks(HaProxyConfig config) {
        if (config.activeHealthCheck() != null) {
            return ", active health checks every " + config.activeHealthCheck().interval().toMillis() + " ms";
        }
        return config.passiveErrorLimit() > 0 ? ", passive checks (" + config.passiveErrorLimit() + " errors mark it down)"
                : ", no health checks";
    }

    private static void sleepUntil(RequestTimeline timeline, Duration at) throws InterruptedException {
        long remaining = at.toNanos() - timeline.now();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
