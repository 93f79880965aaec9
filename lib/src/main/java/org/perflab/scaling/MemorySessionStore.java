package org.perflab.scaling;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this instance's heap: gone with the instance, and unknown to every other one. */
final class MemorySessionStore implements SessionStore {

    private final String instanceName;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    MemorySessionStore(String instanceName) {
        this.instanceName = instanceName;
    }

    @Override
    public void create(String id, String user) {
        sessions.put(id, new Session(user, 0));
    }

    @Override
    public Optional<Session> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public Optional<Session> increment(String id) {
        return Optional.ofNullable(sessions.computeIfPresent(id, (key, old) -> new Session(old.user(), old.count() + 1)));
    }

    @Override
    public boolean delete(String id) {
        return sessions.remove(id) != null;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public String describe() {
        return "memory of " + instanceName;
    }

    @Override
    public void close() {
        sessions.clear();
    }
}
