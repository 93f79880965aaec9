package org.perflab.scaling;

/** Where a service instance keeps its users' sessions. */
public enum SessionMode {
    /**
     * In the instance's own memory: a session exists only on the instance that created it, so a
     * balancer that sends the next request elsewhere (round robin) loses it, and a restart drops all.
     */
    MEMORY,
    /** In a Redis every instance shares: any instance can serve any session, and restarts keep them. */
    REDIS
}
