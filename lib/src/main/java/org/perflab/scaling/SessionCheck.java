package org.perflab.scaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Map;

/**
 * Does a user's session survive the load balancer? Each simulated user logs in once ({@code /session/login})
 * and then uses the session ({@code /session/hit}) several times, keeping the cookies it was given. A hit
 * answered 401 reached an instance that does not know the session: lost state, as a user sees it (logged
 * out, an empty cart).
 */
public final class SessionCheck {

    /**
     * @param users              simulated users, each with its own cookies
     * @param hits               session requests sent after the logins
     * @param lost               hits answered 401: the instance did not know the session
     * @param otherErrors        hits that failed otherwise (5xx, refused, timed out)
     * @param usersOnOneInstance share of users all of whose requests one instance answered
     */
    public record Result(int users, long hits, long lost, long otherErrors, double usersOnOneInstance) {

        public double lostShare() {
            return hits == 0 ? 0 : lost / (double) hits;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d users, %d session requests: %d lost (%.1f%%), %d other errors;"
                    + " %.0f%% of users served by one instance only", users, hits, lost, lostShare() * 100, otherErrors,
                    usersOnOneInstance * 100);
        }
    }

    private SessionCheck() {
    }

    /**
     * Runs the conversation for every client of {@code target} (built with {@code sessions(true)} and as many
     * clients as users). Each round the users take their turns in a new shuffled order (seeded), as independent
     * users would: in a fixed order, a round robin over k servers would send user u to the same server every
     * time whenever the user count is a multiple of k, and hide the lesson.
     */
    public static Result run(HttpLoadTarget target, int hitsPerUser, long seed) throws InterruptedException {
        if (!target.sessions()) {
            throw new IllegalArgumentException("the target must keep cookies: build it with sessions(true)");
        }
        if (hitsPerUser < 1) {
            throw new IllegalArgumentException("hitsPerUser must be at least 1, was " + hitsPerUser);
        }
        target.clearSessions();
        target.resetCounts();
        int users = target.clientCount();
        for (int user = 0; user < users; user++) {
            HttpLoadTarget.Outcome login = target.send(user, "/session/login?user=user" + user);
            if (!login.succeeded()) {
                throw new IllegalStateException("user" + user + " could not log in: status " + login.status() + " "
                        + login.detail() + "; is the fleet up and does it serve /session?");
            }
        }
        long hits = 0;
        long lost = 0;
        long otherErrors = 0;
        List<Integer> order = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            order.add(user);
        }
        Random shuffler = new Random(seed);
        for (int round = 0; round < hitsPerUser; round++) {
            Collections.shuffle(order, shuffler);
            for (int user : order) {
                HttpLoadTarget.Outcome hit = target.send(user, "/session/hit");
                hits++;
                if (hit.status() == 401) {
                    lost++;
                } else if (!hit.succeeded()) {
                    otherErrors++;
                }
            }
        }
        Map<Integer, Map<String, Long>> byClient = target.instancesByClient();
        long onOne = byClient.values().stream().filter(instances -> instances.size() == 1).count();
        return new Result(users, hits, lost, otherErrors, users == 0 ? 0 : onOne / (double) users);
    }
}
