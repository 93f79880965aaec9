package org.perflab.scaling;

/**
 * How a load balancer picks the server for each request. What each one knows is the point: round
 * robin and random know nothing about the servers, least connections and power of two choices see
 * how many requests each server has outstanding (queued or in service), IP hash sees only who is
 * asking, weighted round robin sees weights an operator configured.
 *
 * <p>{@link BalancerSimulation} runs any of them on the same simulated traffic.
 */
public enum BalancingPolicy {

    /** Servers in turn, 1, 2, ..., k, 1, ...: even counts, blind to how busy a server is. */
    ROUND_ROBIN,

    /**
     * The server with the fewest outstanding requests per unit of weight (as nginx's
     * {@code least_conn} and HAProxy's {@code leastconn} weigh them); ties go to the next server in
     * turn, so an idle fleet is still shared evenly.
     */
    LEAST_CONNECTIONS,

    /**
     * A hash of the client id picks the server (nginx's {@code ip_hash}, HAProxy's
     * {@code balance source}): a client always lands on the same server, which keeps a session or a
     * local cache warm, and the load is only as even as the clients are.
     */
    IP_HASH,

    /**
     * Nginx's smooth weighted round robin: each pick adds every server's weight to its running
     * score, takes the highest score and subtracts the total weight from it. Over a cycle each server
     * gets exactly its share of the weights, and a heavy server's turns are spread out rather than
     * sent in a burst ({@code a a b a c a a} for weights 5, 1, 1).
     */
    WEIGHTED_ROUND_ROBIN,

    /**
     * Two distinct servers at random; the one with fewer outstanding requests wins (ties: the first
     * drawn). M. Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing" (IEEE TPDS,
     * 2001): almost all the benefit of least connections from looking at only two servers, so
     * many balancers can share the work without sharing a view of every server.
     */
    POWER_OF_TWO_CHOICES,

    /** A server uniformly at random: each server sees a Poisson stream if the arrivals are Poisson. */
    RANDOM
}
