package org.perflab.scaling;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.perflab.latency.LatencyRecorder;
import org.perflab.queueing.Distribution;
import org.perflab.queueing.PairQueue;
import org.perflab.queueing.VirtualTimeRun;

/**
 * One policy's run of the load-balancer simulation, on the event loop of
 * {@code org.perflab.queueing.Simulation}. Each server has its own FIFO queue and workers (one
 * slot each, numbered server by server); the balancer decides at arrival and never moves a request
 * afterwards, as a real proxy does.
 */
final class BalancerRun extends VirtualTimeRun {

    private final BalancingPolicy policy;
    private final Distribution service;
    private final int clients;
    private final double[] speed;
    private final int[] workers;
    private final int[] slotServer;
    private final int[] firstSlot;
    private final PairQueue[] queues;
    private final int[] outstanding;
    private final int[] busy;
    private final double[] busyArea;
    private final long[] routed;
    private final int[] clientServer;
    private final boolean[] clientMoved;
    private final SplittableRandom serviceRandom;
    private final SplittableRandom clientRandom;
    private final Router router;
    private final LatencyRecorder responses = LatencyRecorder.create();

    private double responseSum;
    private long measuredDone;

    BalancerRun(BalancingPolicy policy, List<SimulatedServer> servers, Distribution interarrival,
                Distribution service, int clients, long warmupRequests, long measuredRequests, long seed) {
        this(policy, servers, interarrival, service, clients, warmupRequests, measuredRequests,
                new SplittableRandom(seed));
    }

    // Split in a fixed order from one seed: every policy sees the same arrival times, the same work
    // per request and the same client per request, so differences between policies are the
    // policies' and not the dice's (common random numbers).
    private BalancerRun(BalancingPolicy policy, List<SimulatedServer> servers, Distribution interarrival,
                        Distribution service, int clients, long warmupRequests, long measuredRequests,
                        SplittableRandom root) {
        super(servers.stream().mapToInt(SimulatedServer::workers).sum(), interarrival, root.split(),
                warmupRequests, measuredRequests);
        this.policy = policy;
        this.service = service;
        this.clients = clients;
        this.serviceRandom = root.split();
        this.clientRandom = root.split();
        int count = servers.size();
        this.speed = new double[count];
        this.workers = new int[count];
        int[] weights = new int[count];
        this.firstSlot = new int[count + 1];
        for (int s = 0; s < count; s++) {
            SimulatedServer server = servers.get(s);
            speed[s] = server.speed();
            workers[s] = server.workers();
            weights[s] = server.weight();
            firstSlot[s + 1] = firstSlot[s] + server.workers();
        }
        this.router = Routers.create(policy, weights, root.split());
        this.slotServer = new int[firstSlot[count]];
        for (int s = 0; s < count; s++) {
            Arrays.fill(slotServer, firstSlot[s], firstSlot[s + 1], s);
        }
        this.queues = new PairQueue[count];
        for (int s = 0; s < count; s++) {
            queues[s] = new PairQueue();
        }
        this.outstanding = new int[count];
        this.busy = new int[count];
        this.busyArea = new double[count];
        this.routed = new long[count];
        this.clientServer = new int[clients];
        Arrays.fill(clientServer, -1);
        this.clientMoved = new boolean[clients];
    }

    BalancerResult run() {
        runToCompletion();
        return result();
    }

    @Override
    protected void arrive(long index) {
        double work = service.sampleNanos(serviceRandom);
        int client = clientRandom.nextInt(clients);
        int server = router.choose(client, outstanding);
        outstanding[server]++;
        if (isMeasured(now())) {
            routed[server]++;
            if (clientServer[client] < 0) {
                clientServer[client] = server;
            } else if (clientServer[client] != server) {
                clientMoved[client] = true;
            }
        }
        double serviceNanos = work / speed[server];
        int slot = idleSlot(server);
        if (slot >= 0) {
            serve(slot, now(), serviceNanos);
        } else {
            queues[server].add(now(), serviceNanos);
        }
    }

    @Override
    protected void finish(int slot, double arrival) {
        int server = slotServer[slot];
        if (isMeasured(arrival)) {
            double response = now() - arrival;
            responseSum += response;
            responses.recordNanos(Math.round(response));
            measuredDone++;
        }
        busy[server]--;
        outstanding[server]--;
        PairQueue queue = queues[server];
        if (!queue.isEmpty()) {
            double queuedArrival = queue.headArrival();
            double queuedService = queue.headService();
            queue.removeHead();
            serve(slot, queuedArrival, queuedService);
        }
    }

    @Override
    protected void accumulate(double nanos) {
        for (int s = 0; s < busy.length; s++) {
            busyArea[s] += busy[s] * nanos;
        }
    }

    private void serve(int slot, double arrival, double serviceNanos) {
        startService(slot, arrival, serviceNanos);
        busy[slotServer[slot]]++;
    }

    private int idleSlot(int server) {
        if (busy[server] == workers[server]) {
            return -1;
        }
        for (int slot = firstSlot[server]; slot < firstSlot[server + 1]; slot++) {
            if (isIdle(slot)) {
                return slot;
            }
        }
        throw new AssertionError("server " + server + " counts idle workers but has none");
    }

    private BalancerResult result() {
        double windowNanos = windowNanos();
        long measured = measuredRequests();
        int count = speed.length;
        double[] share = new double[count];
        double[] utilization = new double[count];
        for (int s = 0; s < count; s++) {
            share[s] = (double) routed[s] / measured;
            utilization[s] = windowNanos > 0 ? busyArea[s] / (workers[s] * windowNanos) : 0;
        }
        int seen = 0;
        int stayed = 0;
        for (int c = 0; c < clients; c++) {
            if (clientServer[c] >= 0) {
                seen++;
                if (!clientMoved[c]) {
                    stayed++;
                }
            }
        }
        return new BalancerResult(policy, measured, responses.summary(), responseSum / measuredDone / 1e9,
                share, utilization, seen == 0 ? Double.NaN : (double) stayed / seen, windowNanos / 1e9,
                responses.histogram());
    }
}
