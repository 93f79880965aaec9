package org.perflab.queueing;

/**
 * How a {@link Simulation} arranges its queues in front of its servers.
 */
public enum QueueLayout {
    /** One queue shared by every server: a request waits only if every server is busy (M/M/c). */
    SHARED_QUEUE,
    /**
     * One queue per server, requests dealt to them in turn, like a round-robin load balancer.
     * Surprise: dealing in turn smooths each queue's arrivals (with Poisson traffic and {@code k}
     * servers every queue sees Erlang-k gaps, a G/M/1 queue), so at utilization 0.8 four servers
     * answer in about 3.3 x S: better than random, far worse than a shared queue.
     */
    PARTITIONED_ROUND_ROBIN,
    /**
     * One queue per server, each request sent to a random one (seeded). Each queue then sees
     * Poisson arrivals at {@code 1/c} of the rate: {@code c} independent M/M/1 queues, 5 x S at
     * utilization 0.8 however many servers there are.
     */
    PARTITIONED_RANDOM,
    /**
     * One queue per server, each request sent to the server with the fewest requests waiting or in
     * service (ties to the lowest index), like a least-connections load balancer.
     */
    PARTITIONED_LEAST_LOADED
}
