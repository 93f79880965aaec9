package org.perflab.queueing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.perflab.check.Require;

/**
 * The next-event time-advance loop shared by the discrete-event simulations ({@link Simulation} and
 * the load-balancer simulation of {@code org.perflab.scaling}): requests arrive with gaps drawn
 * from a distribution, worker slots each finish at a known time, and the earliest event is
 * processed next. Between events nothing changes, so a time-average is a sum of state x interval,
 * which {@link #accumulate(double)} receives for the part of each interval inside the measurement
 * window.
 *
 * <p>The window opens at the arrival of the first measured request (after {@code warmupRequests})
 * and closes at the last arrival, so the drain after the last arrival, an empty system emptying,
 * does not dilute the averages. Single-threaded; one instance runs once.
 *
 * <p>Source: A. M. Law, <i>Simulation Modeling and Analysis</i> (McGraw-Hill, 5th ed. 2015), chapter 1.
 */
public abstract class VirtualTimeRun {

    /** Fewer measured requests make a window too short to average anything over. */
    public static final long MIN_REQUESTS = 100;

    /** {@code busyUntil} of a slot with nothing in service: later than every event. */
    private static final double IDLE = Double.POSITIVE_INFINITY;

    private final Distribution interarrival;
    private final SplittableRandom arrivalRandom;
    private final long warmupRequests;
    private final long totalRequests;
    private final double[] busyUntil;
    private final double[] inServiceArrival;

    private double now;
    private double measureStart = Double.POSITIVE_INFINITY;
    private double measureEnd = Double.POSITIVE_INFINITY;

    /**
     * @param slots         workers across all servers, each serving one request at a time
     * @param arrivalRandom the stream the gaps are drawn from, used for nothing else
     */
    protected VirtualTimeRun(int slots, Distribution interarrival, SplittableRandom arrivalRandom,
                             long warmupRequests, long measuredRequests) {
        this.interarrival = interarrival;
        this.arrivalRandom = arrivalRandom;
        this.warmupRequests = warmupRequests;
        this.totalRequests = warmupRequests + measuredRequests;
        this.busyUntil = new double[slots];
        this.inServiceArrival = new double[slots];
        Arrays.fill(busyUntil, IDLE);
    }

    /** A builder's measured-request count, checked: at least {@link #MIN_REQUESTS}. */
    public static long checkRequests(long requests) {
        return Require.atLeast("requests", requests, MIN_REQUESTS,
                "measure at least " + MIN_REQUESTS + " requests so the tail percentiles settle");
    }

    /** A builder's warm-up count, checked: 0 or more. */
    public static long checkWarmupRequests(long warmupRequests) {
        return Require.atLeast("warmupRequests", warmupRequests, 0, "give 0 for no warm-up");
    }

    /**
     * The warm-up a builder was given, or by default (negative: not given) a tenth of the measured
     * requests: enough for the queues to leave the empty start behind at the utilizations these
     * simulations are run at.
     */
    public static long warmupOrDefault(long warmupRequests, long requests) {
        return warmupRequests >= 0 ? warmupRequests : requests / 10;
    }

    /** Processes every arrival, then serves what is left until every slot is idle. */
    protected final void runToCompletion() {
        long arrived = 0;
        double nextArrival = 0;
        while (true) {
            int finishing = nextFinishingSlot();
            double nextFinish = finishing < 0 ? IDLE : busyUntil[finishing];
            if (arrived < totalRequests && nextArrival <= nextFinish) {
                advanceTo(nextArrival);
                if (arrived == warmupRequests) {
                    measureStart = now;
                }
                if (arrived == totalRequests - 1) {
                    measureEnd = now;
                }
                arrive(arrived++);
                nextArrival = now + interarrival.sampleNanos(arrivalRandom);
            } else if (finishing >= 0) {
                advanceTo(nextFinish);
                busyUntil[finishing] = IDLE;
                finish(finishing, inServiceArrival[finishing]);
            } else {
                break;
            }
        }
    }

    /** Request number {@code index} (from 0, warm-up included) arrives at {@link #now()}. */
    protected abstract void arrive(long index);

    /**
     * The request that arrived at {@code arrival} leaves {@code slot} at {@link #now()}; the slot is
     * already idle, ready for {@link #startService} with the next queued request.
     */
    protected abstract void finish(int slot, double arrival);

    /** The state held since the previous event lasted {@code nanos} inside the measurement window. */
    protected abstract void accumulate(double nanos);

    /** Puts a request that arrived at {@code arrival} into service on an idle {@code slot}, now. */
    protected final void startService(int slot, double arrival, double serviceNanos) {
        busyUntil[slot] = now + serviceNanos;
        inServiceArrival[slot] = arrival;
    }

    protected final boolean isIdle(int slot) {
        return busyUntil[slot] == IDLE;
    }

    /** Virtual time in nanoseconds. */
    protected final double now() {
        return now;
    }

    /** Whether a request that arrived at {@code arrival} is measured (not warm-up). */
    protected final boolean isMeasured(double arrival) {
        return arrival >= measureStart;
    }

    /** Length of the measurement window in nanoseconds, once the run is over. */
    protected final double windowNanos() {
        return measureEnd - measureStart;
    }

    protected final long measuredRequests() {
        return totalRequests - warmupRequests;
    }

    private void advanceTo(double time) {
        double from = Math.max(now, measureStart);
        double to = Math.min(time, measureEnd);
        if (to > from) {
            accumulate(to - from);
        }
        now = time;
    }

    private int nextFinishingSlot() {
        int next = -1;
        double earliest = IDLE;
        for (int slot = 0; slot < busyUntil.length; slot++) {
            if (busyUntil[slot] < earliest) {
                earliest = busyUntil[slot];
                next = slot;
            }
        }
        return next;
    }
}
