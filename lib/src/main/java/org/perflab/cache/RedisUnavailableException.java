package org.perflab.cache;

/**
 * Redis could not be reached: the configured URL refused or timed out, a server stopped answering in
 * the middle of an experiment, or no Redis was found at all. The message says where, after how long,
 * and what to do.
 */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RedisUnavailableException(String message) {
        super(message);
    }
}
