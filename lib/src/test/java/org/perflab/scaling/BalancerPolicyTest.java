package org.perflab.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each policy's choices, one request at a time, against what its definition says. */
class BalancerPolicyTest {

    private static Router router(BalancingPolicy policy, int... weights) {
        return Routers.create(policy, weights, new SplittableRandom(1));
    }

    @Test
    void smoothWeightedRoundRobinInterleavesLikeNginx() {
        // The sequence nginx documents for weights a=5, b=1, c=1 (ngx_http_upstream_round_robin.c,
        // smooth weighted balancing): a a b a c a a, not five a's in a row.
        Router router = router(BalancingPolicy.WEIGHTED_ROUND_ROBIN, 5, 1, 1);
        int[] picks = new int[7];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = router.choose(0, new int[3]);
        }
        assertArrayEquals(new int[] {0, 0, 1, 0, 2, 0, 0}, picks);
        assertEquals(0, router.choose(0, new int[3]), "the cycle starts again");
    }

    @Test
    void leastConnectionsPicksTheEmptiestAndRotatesTies() {
        Router router = router(BalancingPolicy.LEAST_CONNECTIONS, 1, 1, 1);
        assertEquals(2, router.choose(0, new int[] {3, 1, 0}));
        assertEquals(1, router.choose(0, new int[] {3, 0, 5}));
        int[] idle = new int[3];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(router.choose(0, idle));
        }
        assertEquals(Set.of(0, 1, 2), seen, "an idle fleet is shared, not piled onto server 0");
        // Weighted: 4 outstanding on weight 4 is lighter than 2 on weight 1.
        assertEquals(0, router(BalancingPolicy.LEAST_CONNECTIONS, 4, 1).choose(0, new int[] {4, 2}));
    }

    @Test
    void powerOfTwoChoicesNeverPicksTheBusiestOfThree() {
        Router router = router(BalancingPolicy.POWER_OF_TWO_CHOICES, 1, 1, 1);
        int[] outstanding = {0, 9, 4};
        int[] counts = new int[3];
        for (int i = 0; i < 3_000; i++) {
            counts[router.choose(0, outstanding)]++;
        }
        // Two distinct servers of three: the busiest always loses, the emptiest wins whenever drawn
        // (2 pairs of 3), the middle one wins only against the busiest (1 pair of 3).
        assertEquals(0, counts[1]);
        assertEquals(2_000, counts[0], 100);
        assertEquals(1_000, counts[2], 100);
    }

    @Test
    void ipHashIsAFunctionOfTheClientOnly() {
        Router router = router(BalancingPolicy.IP_HASH, 1, 1, 1, 1, 1);
        Set<Integer> used = new HashSet<>();
        for (int client = 0; client < 1_000; client++) {
            int server = router.choose(client, new int[5]);
            assertEquals(server, router.choose(client, new int[] {100, 100, 100, 100, 100}));
            used.add(server);
        }
        assertEquals(5, used.size());
        assertNotEquals(Routers.ipHash(1, 1_000), Routers.ipHash(2, 1_000), "neighbouring ids spread");
    }

    @Test
    void roundRobinAndRandomIgnoreTheServersState() {
        Router roundRobin = router(BalancingPolicy.ROUND_ROBIN, 1, 1, 1);
        int[] busyFirst = {50, 0, 0};
        assertArrayEquals(new int[] {0, 1, 2, 0},
                new int[] {roundRobin.choose(0, busyFirst), roundRobin.choose(0, busyFirst),
                        roundRobin.choose(0, busyFirst), roundRobin.choose(0, busyFirst)});
        Router random = router(BalancingPolicy.RANDOM, 1, 1, 1);
        int[] counts = new int[3];
        for (int i = 0; i < 3_000; i++) {
            counts[random.choose(0, busyFirst)]++;
        }
        for (int count : counts) {
            assertTrue(Math.abs(count - 1_000) < 100, "uniform: " + count);
        }
    }
}
