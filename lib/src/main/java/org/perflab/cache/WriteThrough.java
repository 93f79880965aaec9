package org.perflab.cache;

/**
 * Write-through: every write updates the database and then puts the new value in the cache before
 * returning, so readers find fresh data without a miss. A write pays both systems' latency.
 */
public final class WriteThrough extends CachingPattern {

    public WriteThrough(CacheStore store, UserTable table) {
        super("write-through", store, table);
    }

    @Override
    public void write(User user) {
        table().update(user);
        store().put(key(user.id()), user.serialize());
    }
}
