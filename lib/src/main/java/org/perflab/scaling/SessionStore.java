package org.perflab.scaling;

import java.util.Optional;

/** A service instance's sessions: a user name and a counter per session id. */
interface SessionStore extends AutoCloseable {

    /** A session's contents. */
    record Session(String user, long count) {
    }

    /** Stores a new session with count 0. */
    void create(String id, String user);

    /** The session, or empty when this store does not know the id. */
    Optional<Session> get(String id);

    /** Adds one to the session's counter and returns it, or empty when this store does not know the id. */
    Optional<Session> increment(String id);

    /** Forgets the session; true if it existed. */
    boolean delete(String id);

    /** Null when the store can serve, else why not (for {@code /health}). */
    String problem();

    /** "memory of instance-1", "redis 127.0.0.1:6379 under perflab:scaling:ab12cd:". */
    String describe();

    @Override
    void close();
}
