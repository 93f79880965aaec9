package org.perflab.queueing;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;

/**
 * One run of the discrete-event simulation: identical single-worker servers, queues arranged as the
 * {@link QueueLayout} says, in virtual time. Single-threaded and allocation-free per request.
 */
final class SimulationRun extends VirtualTimeRun {

    private final int servers;
    private final QueueLayout layout;
    private final Distribution service;
    private final SplittableRandom serviceRandom;
    private final SplittableRandom routingRandom;
    private final PairQueue[] queues;
    private final Histogram responseNanos = new Histogram(3);
    private final Histogram waitNanos = new Histogram(3);

    private int waiting;
    private int busy;
    private int maxWaiting;
    private double waitingArea;
    private double busyArea;
    private double responseSum;
    private double waitSum;
    private long measuredDone;

    SimulationRun(int servers, QueueLayout layout, Distribution interarrival, Distribution service,
                  long warmupRequests, long measuredRequests, long seed) {
        this(servers, layout, interarrival, service, warmupRequests, measuredRequests, new SplittableRandom(seed));
    }

    // Separate streams, so changing the layout changes neither the arrivals nor the work each
    // request brings: layouts are compared on identical traffic.
    private SimulationRun(int servers, QueueLayout layout, Distribution interarrival, Distribution service,
                          long warmupRequests, long measuredRequests, SplittableRandom root) {
        super(servers, interarrival, root.split(), warmupRequests, measuredRequests);
        this.servers = servers;
        this.layout = layout;
        this.service = service;
        this.serviceRandom = root.split();
        this.routingRandom = root.split();
        this.queues = new PairQueue[layout == QueueLayout.SHARED_QUEUE ? 1 : servers];
        for (int q = 0; q < queues.length; q++) {
            queues[q] = new PairQueue();
        }
    }

    SimulationResult run(String setup, long seed) {
        runToCompletion();
        double windowNanos = windowNanos();
        long measured = measuredRequests();
        return new SimulationResult(setup, seed, measured,
                measured / windowNanos * 1e9,
                busyArea / (servers * windowNanos),
                responseSum / measuredDone / 1e9,
                waitSum / measuredDone / 1e9,
                waitingArea / windowNanos,
                (waitingArea + busyArea) / windowNanos,
                maxWaiting,
                LatencySummary.of(responseNanos), LatencySummary.of(waitNanos), responseNanos,
                windowNanos / 1e9);
    }

    @Override
    protected void arrive(long index) {
        // Sampled at arrival, not at service start: the request brings its work with it.
        double serviceNanos = service.sampleNanos(serviceRandom);
        int queue = chooseQueue(index);
        int server = idleServerFor(queue);
        if (server >= 0) {
            serve(server, now(), serviceNanos);
        } else {
            queues[queue].add(now(), serviceNanos);
            waiting++;
            if (isMeasured(now()) && waiting > maxWaiting) {
                maxWaiting = waiting;
            }
        }
    }

    @Override
    protected void finish(int server, double arrival) {
        if (isMeasured(arrival)) {
            double response = now() - arrival;
            responseSum += response;
            responseNanos.recordValue(Math.round(response));
            measuredDone++;
        }
        busy--;
        PairQueue queue = queues[layout == QueueLayout.SHARED_QUEUE ? 0 : server];
        if (!queue.isEmpty()) {
            double queuedArrival = queue.headArrival();
            double queuedService = queue.headService();
            queue.removeHead();
            waiting--;
            serve(server, queuedArrival, queuedService);
        }
    }

    @Override
    protected void accumulate(double nanos) {
        waitingArea += waiting * nanos;
        busyArea += busy * nanos;
    }

    private void serve(int server, double arrival, double serviceNanos) {
        startService(server, arrival, serviceNanos);
        busy++;
        if (isMeasured(arrival)) {
            double wait = now() - arrival;
            waitSum += wait;
            waitNanos.recordValue(Math.round(wait));
        }
    }

    private int chooseQueue(long index) {
        switch (layout) {
            case SHARED_QUEUE:
                return 0;
            case PARTITIONED_ROUND_ROBIN:
                return (int) (index % servers);
            case PARTITIONED_RANDOM:
                return routingRandom.nextInt(servers);
            case PARTITIONED_LEAST_LOADED:
                return leastLoadedQueue();
            default:
                throw new AssertionError(layout);
        }
    }

    private int leastLoadedQueue() {
        int best = 0;
        int bestLoad = Integer.MAX_VALUE;
        for (int q = 0; q < queues.length; q++) {
            int load = queues[q].size() + (isIdle(q) ? 0 : 1);
            if (load < bestLoad) {
                best = q;
                bestLoad = load;
            }
        }
        return best;
    }

    /** An idle server that serves {@code queue}, or -1. */
    private int idleServerFor(int queue) {
        if (layout != QueueLayout.SHARED_QUEUE) {
            return isIdle(queue) ? queue : -1;
        }
        for (int s = 0; s < servers; s++) {
            if (isIdle(s)) {
                return s;
            }
        }
        return -1;
    }
}
