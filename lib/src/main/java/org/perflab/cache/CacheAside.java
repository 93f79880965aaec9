package org.perflab.cache;

/**
 * Cache-aside (lazy loading): the application reads through the cache and, on a write, updates the
 * database and then deletes the cached entry, so the next read loads the new row. Deleting rather
 * than putting keeps the cache from holding a value the database never committed.
 *
 * <p>Surprise: every write costs the next reader of that key a miss; and a write path that forgets
 * the delete leaves the old value in the cache until it expires.
 */
public final class CacheAside extends CachingPattern {

    public CacheAside(CacheStore store, UserTable table) {
        super("cache-aside", store, table);
    }

    @Override
    public void write(User user) {
        table().update(user);
        store().delete(key(user.id()));
    }

    /**
     * The same database update without the delete: a second code path (a batch job, an admin screen)
     * written by someone who did not know about the cache.
     */
    public void writeForgettingInvalidation(User user) {
        table().update(user);
    }
}
