/**
 * Caching experiments: Caffeine in this JVM and a real Redis through Jedis, behind one small store
 * interface ({@link org.perflab.cache.CacheStore}); the three write patterns over a real database
 * ({@link org.perflab.cache.CacheAside}, {@link org.perflab.cache.WriteThrough},
 * {@link org.perflab.cache.WriteBehind}) driven by one seeded workload
 * ({@link org.perflab.cache.PatternWorkload}); staleness against time to live
 * ({@link org.perflab.cache.StalenessReplay}); hit ratio of LRU, Caffeine's W-TinyLFU and Belady's
 * optimum on published traces ({@link org.perflab.cache.PublishedTraces},
 * {@link org.perflab.cache.EvictionPolicy}); stampedes ({@link org.perflab.cache.Stampede}); and
 * pipelining ({@link org.perflab.cache.RedisPipelining}).
 *
 * <p>Redis order ({@link org.perflab.cache.RedisChooser}): a configured {@code PERFLAB_REDIS_URL} (a
 * cluster node's URL switches to Jedis's cluster client), then Testcontainers, then a real
 * redis-server from the embedded-redis jar, then none, with a visible note. There is no mock Redis:
 * its timings would teach the wrong costs. Every key an experiment writes lives under
 * {@code perflab:<experiment>:<random>:} ({@link org.perflab.cache.RedisKeySpace}) and is deleted at
 * the end.
 *
 * <p>Numbers to expect on a small machine: a Caffeine hit in tens of nanoseconds, a Redis GET over
 * loopback in tens of microseconds, a primary-key query on local PostgreSQL in about a hundred.
 */
package org.perflab.cache;
