package org.perflab.cache;

import java.util.Arrays;

/**
 * Exact LRU over a trace's dense keys: a doubly linked recency list kept in int arrays (most recent at
 * the head), so a replay of millions of requests allocates nothing per request.
 */
final class LruReplay {

    private static final int NONE = -1;

    private LruReplay() {
    }

    static long hits(AccessTrace trace, int cacheSize) {
        int keys = trace.distinctKeys();
        int[] previous = new int[keys];
        int[] next = new int[keys];
        boolean[] cached = new boolean[keys];
        Arrays.fill(previous, NONE);
        Arrays.fill(next, NONE);
        int head = NONE;
        int tail = NONE;
        int size = 0;
        long hits = 0;
        for (int i = 0; i < trace.length(); i++) {
            int key = trace.key(i);
            if (cached[key]) {
                hits++;
                if (key == head) {
                    continue;
                }
                // Unlink, then fall through to push at the head.
                next[previous[key]] = next[key];
                if (next[key] != NONE) {
                    previous[next[key]] = previous[key];
                } else {
                    tail = previous[key];
                }
            } else {
                if (size == cacheSize) {
                    int evicted = tail;
                    tail = previous[evicted];
                    if (tail != NONE) {
                        next[tail] = NONE;
                    } else {
                        head = NONE;
                    }
                    cached[evicted] = false;
                    size--;
                }
                cached[key] = true;
                size++;
            }
            previous[key] = NONE;
            next[key] = head;
            if (head != NONE) {
                previous[head] = key;
            }
            head = key;
            if (tail == NONE) {
                tail = key;
            }
        }
        return hits;
    }
}
