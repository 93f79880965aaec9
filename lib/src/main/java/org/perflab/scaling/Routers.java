package org.perflab.scaling;

import java.util.SplittableRandom;

/** The {@link Router} behind each {@link BalancingPolicy}. */
final class Routers {

    private Routers() {
    }

    /**
     * A fresh router for {@code policy} over servers with these weights.
     *
     * @param random the routing stream: only the random policies draw from it
     */
    static Router create(BalancingPolicy policy, int[] weights, SplittableRandom random) {
        int servers = weights.length;
        switch (policy) {
            case ROUND_ROBIN:
                return new RoundRobin(servers);
            case LEAST_CONNECTIONS:
                return new LeastConnections(weights.clone());
            case IP_HASH:
                return (client, outstanding) -> ipHash(client, servers);
            case WEIGHTED_ROUND_ROBIN:
                return new SmoothWeightedRoundRobin(weights.clone());
            case POWER_OF_TWO_CHOICES:
                return (client, outstanding) -> twoChoices(outstanding, random);
            case RANDOM:
                return (client, outstanding) -> random.nextInt(servers);
            default:
                throw new AssertionError(policy);
        }
    }

    /**
     * Murmur3's 64-bit finalizer over the client id: consecutive ids land on unrelated servers,
     * as addresses hashed by a real balancer do.
     */
    static int ipHash(int client, int servers) {
        long h = client;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, servers);
    }

    private static int twoChoices(int[] outstanding, SplittableRandom random) {
        int servers = outstanding.length;
        if (servers == 1) {
            return 0;
        }
        int first = random.nextInt(servers);
        int second = random.nextInt(servers - 1);
        if (second >= first) {
            second++;
        }
        return outstanding[second] < outstanding[first] ? second : first;
    }

    static final class RoundRobin implements Router {
        private final int servers;
        private int next;

        RoundRobin(int servers) {
            this.servers = servers;
        }

        @Override
        public int choose(int client, int[] outstanding) {
            int chosen = next;
            next = next + 1 == servers ? 0 : next + 1;
            return chosen;
        }
    }

    static final class LeastConnections implements Router {
        private final int[] weights;
        private int start;

        LeastConnections(int[] weights) {
            this.weights = weights;
        }

        @Override
        public int choose(int client, int[] outstanding) {
            int servers = weights.length;
            int best = start;
            for (int i = 1; i < servers; i++) {
                int s = start + i < servers ? start + i : start + i - servers;
                // outstanding[s] / weights[s] < outstanding[best] / weights[best], without division.
                if ((long) outstanding[s] * weights[best] < (long) outstanding[best] * weights[s]) {
                    best = s;
                }
            }
            start = best + 1 == servers ? 0 : best + 1;
            return best;
        }
    }

    static final class SmoothWeightedRoundRobin implements Router {
        private final int[] weights;
        private final long[] current;
        private final long total;

        SmoothWeightedRoundRobin(int[] weights) {
            this.weights = weights;
            this.current = new long[weights.length];
            long sum = 0;
            for (int weight : weights) {
                sum += weight;
            }
            this.total = sum;
        }

        @Override
        public int choose(int client, int[] outstanding) {
            int best = 0;
            for (int s = 0; s < weights.length; s++) {
                current[s] += weights[s];
                if (current[s] > current[best]) {
                    best = s;
                }
            }
            current[best] -= total;
            return best;
        }
    }
}
