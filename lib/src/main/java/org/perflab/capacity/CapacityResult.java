package org.perflab.capacity;

import org.perflab.load.LoadResult;
import org.perflab.scaling.UslFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link CapacitySweep} measured: one {@link Step} per offered rate, why it stopped, and what follows from
 * the steps: the knee (the most the service completed per second), the utilization at which p99 doubled, and the
 * Universal Scalability Law fitted to the steps.
 *
 * @param target     what was sent, as the target described it
 * @param steps      the measured steps, in the order run
 * @param stopReason which limit ended the sweep
 * @param stopDetail the limit's numbers, one sentence (with the first failure when errors stopped it)
 * @param p99Ceiling the sweep's p99 ceiling
 */
public record CapacityResult(String target, List<Step> steps, StopReason stopReason, String stopDetail,
                             Duration p99Ceiling) {

    /**
     * A step counts as saturated when it completed less than this share of what its schedule sent per second. Not
     * 0.95: a short step's throughput counts the last responses' latency in its elapsed time (2 to 6% of a 1 s step
     * at 20 to 60 ms), and a step 10% past the knee falls well below 0.9.
     */
    static final double SATURATED_BELOW = 0.9;
    /** A saturated step's requests queue: its median latency exceeds the lowest step's by this factor. */
    static final double QUEUED_ABOVE = 1.5;
    /** Steps below this share of the knee set the low-load p99 that "p99 doubles" compares with. */
    static final double LOW_LOAD_SHARE = 0.5;
    /** p99 doubling below this share of the knee is an early warning; at or above it, the knee comes unannounced. */
    static final double EARLY_WARNING_BELOW = 0.9;

    /** Which limit ended a sweep. */
    public enum StopReason {
        /** A step's p99 passed the ceiling. */
        P99_CEILING,
        /** A step's failed share passed the maximum error rate. */
        ERROR_RATE,
        /** The next step would have exceeded the maximum rate. */
        MAX_RATE,
        /** The next step would have ended after the maximum duration. */
        MAX_DURATION
    }

    /**
     * One offered rate and what came of it.
     *
     * @param offeredPerSec    the rate the step's schedule offered, requests/s
     * @param result           the generator's measurement, latency from each request's intended start
     * @param throughputPerSec requests completed per second in the step's steady part: responses that arrived from a
     *                         quarter of the step to its end, over that time. Not completed / elapsed: a saturated
     *                         service completes nothing during its first service time and finishes its backlog
     *                         with fewer and fewer workers busy, and both would put it low (7% for 100 ms requests in
     *                         1 s steps), while counting from the first response would count one batch too many
     */
    public record Step(double offeredPerSec, LoadResult result, double throughputPerSec) {

        /** Failed / (completed + failed); 0 when nothing was sent. */
        public double errorRate() {
            long sent = result.completed() + result.failed();
            return sent == 0 ? 0 : (double) result.failed() / sent;
        }

        public double p99Millis() {
            return result.latency().p99Millis();
        }

        /** Little's law: requests in the service (or waiting for it) on average, throughput x mean latency. */
        public double meanInFlight() {
            return throughputPerSec() * result.latency().meanMillis() / 1e3;
        }
    }

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /**
     * Whether some step saturated the service: it completed clearly fewer requests per second than its schedule sent,
     * and its requests queued (their median latency rose to half as much again as the lowest step's). Both, so one
     * slow response at the end of a short step, which stretches the step without any queue, is not taken for the
     * knee. (Steps where every request failed say nothing about capacity.)
     */
    public boolean reachedKnee() {
        return steps.stream().anyMatch(this::saturated);
    }

    /**
     * Throughput judged on the whole step, all its completions over the time they could arrive in (from the fastest
     * response's latency to the last response), which below the knee is the schedule's rate however short the step;
     * the steady part's count, over a fraction of a short step, is too noisy to decide it.
     */
    private boolean saturated(Step step) {
        LoadResult result = step.result();
        double seconds = result.elapsedSec() - result.histogram().getMinValue() / 1e9;
        double lowestP50Millis = steps.stream().filter(s -> s.result().completed() > 0)
                .mapToDouble(s -> s.result().latency().p50Millis()).min().orElse(Double.NaN);
        return result.completed() > 0 && seconds > 0
                && result.completed() / seconds < SATURATED_BELOW * result.scheduledRatePerSec()
                && result.latency().p50Millis() > QUEUED_ABOVE * lowestP50Millis;
    }

    /**
     * The knee, requests/s: the median throughput of the saturated steps, the rate at which throughput stops
     * following the offered load. The median, not the highest: each step's throughput is a count over part of a
     * second, and the highest of several noisy counts is biased upwards. NaN when no step saturated (the capacity is
     * above the highest rate offered).
     */
    public double kneePerSec() {
        return median(steps.stream().filter(this::saturated).mapToDouble(Step::throughputPerSec).toArray());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median p99 of the steps offered less than half the knee (or the first step's): p99 at low load, ms. */
    public double lowLoadP99Millis() {
        double knee = kneePerSec();
        double[] low = steps.stream().filter(s -> !(s.offeredPerSec() >= LOW_LOAD_SHARE * knee) && s.result().completed() > 0)
                .mapToDouble(Step::p99Millis).toArray();
        if (low.length == 0) {
            return steps.isEmpty() ? Double.NaN : steps.get(0).p99Millis();
        }
        return median(low);
    }

    /**
     * The load (offered rate / knee) beyond which p99 stays at or above twice its low-load value: from the last step
     * below twice the low-load p99, interpolated linearly to the next one. The last crossing, not the first, so a p99
     * spike at low load (a descheduled thread on a busy machine) is not taken for the knee. NaN without a knee or
     * when p99 never doubled.
     */
    public double p99DoublingUtilization() {
        double knee = kneePerSec();
        double doubled = 2 * lowLoadP99Millis();
        for (int i = steps.size() - 1; i >= 1; i--) {
            Step before = steps.get(i - 1);
            Step at = steps.get(i);
            if (before.p99Millis() < doubled) {
                if (at.p99Millis() < doubled) {
                    return Double.NaN;
                }
                double fraction = (doubled - before.p99Millis()) / (at.p99Millis() - before.p99Millis());
                return (before.offeredPerSec() + fraction * (at.offeredPerSec() - before.offeredPerSec())) / knee;
            }
        }
        return Double.NaN;
    }

    /**
     * The Universal Scalability Law fitted to the steps that completed requests in their steady part without errors, concurrency being
     * each step's {@link Step#meanInFlight()} (Little's law) and throughput its completed requests/s: Gunther's way of
     * fitting an open workload. Empty with fewer than three such steps.
     */
    public Optional<UslFit> uslFit() {
        List<Step> usable = steps.stream().filter(s -> s.errorRate() == 0 && s.throughputPerSec() > 0 && s.meanInFlight() > 0)
                .toList();
        double[] n = usable.stream().mapToDouble(Step::meanInFlight).toArray();
        if (Arrays.stream(n).distinct().count() < UslFit.MIN_POINTS) {
            return Optional.empty();
        }
        return Optional.of(UslFit.fit(n, usable.stream().mapToDouble(Step::throughputPerSec).toArray()));
    }

    /** Offered rate, throughput, errors, in flight and p50 / p90 / p99 / p99.9 / max latency (ms) per step. */
    public Table table() {
        return Table.create("capacity sweep of " + target,
                column("offered (req/s)", s -> Math.round(s.offeredPerSec())),
                column("through (req/s)", s -> Math.round(s.throughputPerSec())),
                column("errors (%)", s -> Math.round(1000 * s.errorRate()) / 10.0),
                column("in flight (λ·W)", s -> Math.round(10 * s.meanInFlight()) / 10.0),
                column("p50 (ms)", s -> round(s.result().latency().p50Millis())),
                column("p90 (ms)", s -> round(s.result().latency().p90Millis())),
                column("p99 (ms)", s -> round(s.p99Millis())),
                column("p99.9 (ms)", s -> round(s.result().latency().p999Millis())),
                column("max (ms)", s -> round(s.result().latency().maxMillis())));
    }

    /** The values of one column, one per step. */
    public double[] values(ToDoubleFunction<Step> value) {
        return steps.stream().mapToDouble(value).toArray();
    }

    private DoubleColumn column(String name, ToDoubleFunction<Step> value) {
        return DoubleColumn.create(name, values(value));
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    /** What the sweep found, in plain language: the knee, where p99 doubled, the USL's ceiling, and why it stopped. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        if (steps.isEmpty()) {
            return "No step ran: " + stopDetail + ".";
        }
        double knee = kneePerSec();
        double highest = steps.get(steps.size() - 1).offeredPerSec();
        if (Double.isNaN(knee)) {
            text.append(String.format(Locale.ROOT, "No knee up to %.0f requests/s: the service kept up with every rate"
                    + " offered, so its capacity is above that.", highest));
        } else {
            text.append(String.format(Locale.ROOT, "Past its knee the service completes about %.0f requests/s: offered"
                    + " more, it queues the rest and latency grows for as long as the overload lasts.", knee));
            double doubling = p99DoublingUtilization();
            if (Double.isNaN(doubling)) {
                text.append(" p99 did not double before the sweep stopped.");
            } else {
                text.append(String.format(Locale.ROOT, " p99 stayed under twice its low-load %.1f ms until the offered load"
                        + " reached %.0f%% of the knee (about %.0f requests/s).", lowLoadP99Millis(), 100 * doubling, doubling * knee));
                text.append(doubling >= EARLY_WARNING_BELOW ? " Hardly any queue formed before the knee, so latency gives"
                        + " little warning of it: watch throughput against offered load, not p99 alone."
                        : " Latency rose well before the knee: keep the expected peak below that load.");
            }
        }
        uslFit().ifPresent(fit -> text.append(String.format(Locale.ROOT, " The USL fitted to the steps puts the ceiling"
                + " at %.0f requests/s (R² %.3f).", fit.law().peakThroughput(), fit.rSquared())));
        text.append(" The sweep stopped because ").append(stopDetail).append('.');
        return text.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d steps of %s; stopped (%s): %s", steps.size(), target, stopReason, stopDetail);
    }
}
