package org.perflab.queueing;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;

/**
 * One run of the discrete-event simulation: two kinds of event (an arrival, a server finishing),
 * processed in virtual-time order. Between events nothing changes, so time-averages (queue length,
 * busy servers) are sums of state x interval. Single-threaded and allocation-free per request.
 */
final class SimulationRun {

    private static final double IDLE = Double.POSITIVE_INFINITY;

    private final int servers;
    private final QueueLayout layout;
    private final Distribution interarrival;
    private final Distribution service;
    private final long warmupRequests;
    private final long totalRequests;
    private final SplittableRandom arrivalRandom;
    private final SplittableRandom serviceRandom;
    private final SplittableRandom routingRandom;
    private final PairQueue[] queues;
    private final double[] busyUntil;
    private final double[] inServiceArrival;
    private final Histogram responseNanos = new Histogram(3);
    private final Histogram waitNanos = new Histogram(3);

    private double now;
    private double measureStart = Double.POSITIVE_INFINITY;
    private double measureEnd = Double.POSITIVE_INFINITY;
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
        this.servers = servers;
        this.layout = layout;
        this.interarrival = interarrival;
        this.service = service;
        this.warmupRequests = warmupRequests;
        this.totalRequests = warmupRequests + measuredRequests;
        // Separate streams, so changing the layout changes neither the arrivals nor the work each
        // request brings: layouts are compared on identical traffic.
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivalRandom = root.split();
        this.serviceRandom = root.split();
        this.routingRandom = root.split();
        this.queues = new PairQueue[layout == QueueLayout.SHARED_QUEUE ? 1 : servers];
        for (int q = 0; q < queues.length; q++) {
            queues[q] = new PairQueue();
        }
        this.busyUntil = new double[servers];
        this.inServiceArrival = new double[servers];
        java.util.Arrays.fill(busyUntil, IDLE);
    }

    SimulationResult run(String setup, long seed) {
        long arrived = 0;
        double nextArrival = 0;
        while (true) {
            int finishing = nextFinishingServer();
            double nextFinish = finishing < 0 ? IDLE : busyUntil[finishing];
            if (arrived < totalRequests && nextArrival <= nextFinish) {
                advanceTo(nextArrival);
                arrive(arrived++);
                nextArrival = now + interarrival.sampleNanos(arrivalRandom);
            } else if (finishing >= 0) {
                advanceTo(nextFinish);
                finish(finishing);
            } else {
                break;
            }
        }
        double windowNanos = measureEnd - measureStart;
        long measured = totalRequests - warmupRequests;
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

    private void arrive(long index) {
        if (index == warmupRequests) {
            measureStart = now;
        }
        if (index == totalRequests - 1) {
            measureEnd = now;
        }
        // Sampled at arrival, not at service start: the request brings its work with it.
        double serviceNanos = service.sampleNanos(serviceRandom);
        int queue = chooseQueue(index);
        int server = idleServerFor(queue);
        if (server >= 0) {
            startService(server, now, serviceNanos);
        } else {
            queues[queue].add(now, serviceNanos);
            waiting++;
            if (now >= measureStart && waiting > maxWaiting) {
                maxWaiting = waiting;
            }
        }
    }

    private void finish(int server) {
        double arrival = inServiceArrival[server];
        if (arrival >= measureStart) {
            double response = now - arrival;
            responseSum += response;
            responseNanos.recordValue(Math.round(response));
            measuredDone++;
        }
        busyUntil[server] = IDLE;
        busy--;
        PairQueue queue = queues[layout == QueueLayout.SHARED_QUEUE ? 0 : server];
        if (!queue.isEmpty()) {
            double queuedArrival = queue.headArrival();
            double queuedService = queue.headService();
            queue.removeHead();
            waiting--;
            startService(server, queuedArrival, queuedService);
        }
    }

    private void startService(int server, double arrival, double serviceNanos) {
        busyUntil[server] = now + serviceNanos;
        inServiceArrival[server] = arrival;
        busy++;
        if (arrival >= measureStart) {
            double wait = now - arrival;
            waitSum += wait;
            waitNanos.recordValue(Math.round(wait));
        }
    }

    /** Integrates the state held since the last event over the part that lies inside the window. */
    private void advanceTo(double time) {
        double from = Math.max(now, measureStart);
        double to = Math.min(time, measureEnd);
        if (to > from) {
            waitingArea += waiting * (to - from);
            busyArea += busy * (to - from);
        }
        now = time;
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
            int load = queues[q].size() + (busyUntil[q] == IDLE ? 0 : 1);
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
            return busyUntil[queue] == IDLE ? queue : -1;
        }
        for (int s = 0; s < servers; s++) {
            if (busyUntil[s] == IDLE) {
                return s;
            }
        }
        return -1;
    }

    private int nextFinishingServer() {
        int next = -1;
        double earliest = IDLE;
        for (int s = 0; s < servers; s++) {
            if (busyUntil[s] < earliest) {
                earliest = busyUntil[s];
                next = s;
            }
        }
        return next;
    }
}
