package org.perflab.db;

/**
 * The configured database could not be reached. The message names the URL (without password), the
 * user, how long the attempt took, the driver's reason and SQLState, and the settings to change.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
