package org.perflab.scaling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every route of a {@link ServiceInstance} shares: turning an endpoint's {@link Reply} (or its exception)
 * into a response with the {@value ServiceInstance#INSTANCE_HEADER} header, and counting the traffic under
 * study (requests, errors, busy time) apart from the requests that only watch the instance.
 */
final class InstanceEndpoints {

    /** One route: answers a request with a reply; an {@link IllegalArgumentException} answers 400. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(HttpExchange exchange) throws Exception;
    }

    /** A response: status, text body, content type. */
    record Reply(int status, String body, String contentType) {
        Reply(int status, String body) {
            this(status, body, "text/plain");
        }
    }

    private final String name;
    private final Duration poolTimeout;
    private final BusyTime busy = new BusyTime();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    InstanceEndpoints(String name, Duration poolTimeout) {
        this.name = name;
        this.poolTimeout = poolTimeout;
    }

    BusyTime busy() {
        return busy;
    }

    long requests() {
        return requests.get();
    }

    long errors() {
        return errors.get();
    }

    /** A handler whose requests count in the stats: the traffic under study. */
    HttpHandler served(Endpoint endpoint) {
        return exchange -> {
            long start = busy.started(System.nanoTime());
            int status = 500;
            try {
                status = respond(exchange, endpoint);
            } finally {
                busy.finished(start, System.nanoTime());
                requests.incrementAndGet();
                if (status >= 500) {
                    errors.incrementAndGet();
                }
            }
        };
    }

    /** A handler for watching the instance, left out of its stats. */
    HttpHandler unserved(Endpoint endpoint) {
        return exchange -> respond(exchange, endpoint);
    }

    private int respond(HttpExchange exchange, Endpoint endpoint) {
        Reply reply;
        try {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set(ServiceInstance.INSTANCE_HEADER, name);
            String method = exchange.getRequestMethod();
            reply = method.equals("GET") || method.equals("POST") ? endpoint.handle(exchange)
                    : new Reply(405, method + " is not supported; use GET or POST");
        } catch (IllegalArgumentException e) {
            reply = new Reply(400, e.getMessage());
        } catch (SQLTransientConnectionException e) {
            reply = new Reply(503, name + ": no database connection free within " + poolTimeout.toMillis()
                    + " ms: " + e.getMessage());
        } catch (Exception e) {
            reply = new Reply(500, name + " failed: " + e);
        }
        try {
            byte[] body = (reply.body() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType() + "; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away; the status it did not receive still counts.
        } finally {
            exchange.close();
        }
        return reply.status();
    }
}
