package org.perflab.cache;

import java.util.Objects;
import org.perflab.check.Require;

/**
 * One row of the {@code users} table, as the caching experiments read, write and cache it. In a cache
 * it is one string, {@code id|email|name} ({@link #serialize()}), as an application would store a
 * profile in Redis.
 */
public record User(long id, String email, String name) {

    public User {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Require.that(email.indexOf('|') < 0 && name.indexOf('|') < 0, "email and name", email + " / " + name,
                "free of '|' (the field separator)", "remove the '|'");
    }

    /** The same user with another name. */
    public User renamed(String newName) {
        return new User(id, email, newName);
    }

    /** {@code id|email|name}. */
    public String serialize() {
        return id + "|" + email + "|" + name;
    }

    /** The user {@link #serialize()} wrote; null for null (a cache miss). */
    public static User parse(String serialized) {
        if (serialized == null) {
            return null;
        }
        int first = serialized.indexOf('|');
        int second = serialized.indexOf('|', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("not a serialized user (id|email|name): " + serialized);
        }
        return new User(Long.parseLong(serialized.substring(0, first)), serialized.substring(first + 1, second),
                serialized.substring(second + 1));
    }
}
