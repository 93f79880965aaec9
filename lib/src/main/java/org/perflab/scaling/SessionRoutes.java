package org.perflab.scaling;

import com.sun.net.httpserver.HttpExchange;
import org.perflab.check.Require;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code /session/login?user=<u>}, {@code /session/hit}, {@code /session} and {@code /session/logout} of a
 * {@link ServiceInstance}: a counter per session in its {@link SessionStore}. The id travels in the
 * {@value ServiceInstance#SESSION_COOKIE} cookie and the {@value ServiceInstance#SESSION_HEADER} header.
 */
final class SessionRoutes implements InstanceEndpoints.Endpoint {

    private final String name;
    private final SessionStore sessions;
    private final SecureRandom sessionIds = new SecureRandom();

    SessionRoutes(String name, SessionStore sessions) {
        this.name = name;
        this.sessions = sessions;
    }

    @Override
    public InstanceEndpoints.Reply handle(HttpExchange exchange) throws Exception {
        String action = exchange.getRequestURI().getPath().substring("/session".length());
        if (action.equals("/login")) {
            return login(exchange);
        }
        String id = sessionId(exchange);
        if (id == null) {
            return new InstanceEndpoints.Reply(401, "no session: log in with /session/login?user=<name>, then send its "
                    + ServiceInstance.SESSION_COOKIE + " cookie or " + ServiceInstance.SESSION_HEADER + " header");
        }
        Optional<SessionStore.Session> session = switch (action) {
            case "", "/" -> sessions.get(id);
            case "/hit" -> sessions.increment(id);
            case "/logout" -> sessions.delete(id) ? Optional.of(new SessionStore.Session("(logged out)", 0))
                    : Optional.empty();
            default -> throw new IllegalArgumentException("no such session action: " + action
                    + "; use /session/login, /session/hit, /session or /session/logout");
        };
        return session.map(found -> reply(id, found)).orElseGet(() -> new InstanceEndpoints.Reply(401,
                "unknown session " + id + " on " + name + " (sessions in " + sessions.describe() + "): it was"
                        + " created elsewhere or lost; keep sessions in Redis (SessionMode.REDIS) or use a sticky"
                        + " balancer"));
    }

    private InstanceEndpoints.Reply login(HttpExchange exchange) throws Exception {
        String user = QueryParameters.of(exchange).get("user");
        if (user == null || !user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw Require.invalid("user", "'" + user + "'", "1 to 64 letters, digits, '.', '_', '@' or '-'",
                    "log in with /session/login?user=<name>");
        }
        String id = HexFormat.of().formatHex(sessionIds.generateSeed(16));
        sessions.create(id, user);
        exchange.getResponseHeaders().add("Set-Cookie", ServiceInstance.SESSION_COOKIE + "=" + id + "; Path=/; HttpOnly");
        exchange.getResponseHeaders().set(ServiceInstance.SESSION_HEADER, id);
        return reply(id, new SessionStore.Session(user, 0));
    }

    private InstanceEndpoints.Reply reply(String id, SessionStore.Session session) {
        return new InstanceEndpoints.Reply(200, "session=" + id + " user=" + session.user() + " count="
                + session.count() + " instance=" + name);
    }

    /** The session id from the header, else the cookie; null when neither is sent. */
    private static String sessionId(HttpExchange exchange) {
        String id = exchange.getRequestHeaders().getFirst(ServiceInstance.SESSION_HEADER);
        if (id == null) {
            for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
                for (String cookie : header.split(";")) {
                    String[] pair = cookie.trim().split("=", 2);
                    if (pair.length == 2 && pair[0].equals(ServiceInstance.SESSION_COOKIE)) {
                        id = pair[1];
                    }
                }
            }
        }
        if (id != null && !id.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("malformed session id '" + id + "': expected the 32 hex digits"
                    + " /session/login returned");
        }
        return id;
    }
}
