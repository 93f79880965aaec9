package org.perflab.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interleaved measurement on a shared machine: instead of measuring A, then B, measure A and B in a
 * few short rounds (A B, B A, A B ...), so a busy moment lands on both or on one round only, and
 * compare their medians over the rounds.
 */
public final class Rounds {

    private Rounds() {
    }

    /** The order of {@code count} things (their indexes) in {@code round}: as given in even rounds, reversed in odd ones. */
    public static List<Integer> order(int count, int round) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(round % 2 == 0 ? i : count - 1 - i);
        }
        return order;
    }

    /**
     * The share of {@code total} that falls in {@code round} of {@code rounds}: as even as whole units allow,
     * summing to exactly {@code total} over all rounds (with fewer units than rounds, some rounds get none).
     */
    public static int share(int total, int round, int rounds) {
        return (int) ((long) total * (round + 1) / rounds - (long) total * round / rounds);
    }

    /** The middle value, or the mean of the two middle values for an even count. */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
