package org.perflab.capacity;

/**
 * One request to a {@link ServiceTarget} that failed, with a message saying how (an HTTP status, a refused
 * connection, a timeout, an SQL error). Expected during a sweep, so it carries no stack trace; the sweep counts it
 * and quotes the first one when it stops.
 */
public final class ServiceCallFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServiceCallFailedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
