package org.perflab.cache;

/** How a cache-aside cache learns that a row changed, in {@link StalenessReplay}. */
public enum Invalidation {
    /** Nobody tells it: entries are replaced only when their time to live runs out. */
    TTL_ONLY("TTL only"),
    /** Every write deletes the cached entry right after updating the database (event-based). */
    DELETE_ON_WRITE("delete on write"),
    /** As {@link #DELETE_ON_WRITE}, except that one write path, taking a share of the writes, forgets to. */
    DELETE_ON_WRITE_ONE_PATH_FORGETS("delete on write, one path forgets");

    private final String label;

    Invalidation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
