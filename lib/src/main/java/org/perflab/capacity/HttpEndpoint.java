package org.perflab.capacity;

import org.perflab.check.Require;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP endpoint as a {@link ServiceTarget}: every call sends the same request (method, URL, headers, body) and
 * reads the whole response; a status of 400 or more, a refused connection or a timeout throws
 * {@link ServiceCallFailedException} saying which.
 *
 * <pre>{@code
 * try (HttpEndpoint orders = HttpEndpoint.builder("POST", "http://127.0.0.1:8080/orders")
 *         .header("Content-Type", "application/json").body("{\"item\": 42}").build()) { ... }
 * }</pre>
 *
 * <p>Built on the JDK's {@code java.net.http} client (HTTP/1.1, kept-alive connections, one per request in flight),
 * which sends any method with any body; {@link org.perflab.scaling.HttpLoadTarget} is the balancer experiments' GET
 * client. A host other than loopback must be named in {@link Builder#allowedHosts}: load goes only where the reader
 * said it may.
 */
public final class HttpEndpoint implements ServiceTarget {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Headers the client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration requestTimeout;
    private final HttpClient client;

    private HttpEndpoint(Builder builder) {
        this.method = builder.method;
        this.uri = builder.uri;
        this.headers = Map.copyOf(builder.headers);
        this.body = builder.body.getBytes(StandardCharsets.UTF_8);
        this.requestTimeout = builder.requestTimeout;
        // No redirects: a 3xx is the service's answer, and following it would measure another endpoint.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code method} (GET, POST, PUT, ...) to {@code url}, an {@code http} or {@code https} URL. */
    public static Builder builder(String method, String url) {
        return new Builder(method, url);
    }

    @Override
    public void call() throws InterruptedException, ServiceCallFailedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw new ServiceCallFailedException("no connection to " + authority() + " within " + requestTimeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new ServiceCallFailedException("no response from " + method + " " + uri + " within " + requestTimeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new ServiceCallFailedException("connection refused: nothing is listening at " + authority()
                    + " (start the service, or check the URL's port)", e);
        } catch (IOException e) {
            throw new ServiceCallFailedException(method + " " + uri + " failed: " + e, e);
        }
        if (response.statusCode() >= 400) {
            throw new ServiceCallFailedException("HTTP " + response.statusCode() + " from " + method + " " + uri, null);
        }
    }

    private String authority() {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        headers.forEach((name, value) -> parts.add(name + ": " + value));
        return String.format(Locale.ROOT, "%s %s%s%s, %d s timeout", method, uri,
                parts.isEmpty() ? "" : " with headers " + parts,
                body.length == 0 ? ", no body" : " with a " + body.length + "-byte body",
                requestTimeout.toSeconds());
    }

    /** Closes the client's connections where the JDK allows it (JDK 21 and later); before that they close when idle. */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the HTTP client failed: " + e, e);
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Configures an {@link HttpEndpoint}: no headers, no body, a 5 s timeout, loopback only. */
    public static final class Builder {
        private final String method;
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private List<String> allowedHosts = List.of();

        private Builder(String method, String url) {
            Require.notBlank("method", method, "give an HTTP method such as GET or POST");
            Require.that(method.chars().allMatch(c -> c >= 'A' && c <= 'Z'), "method", method, "an HTTP method in capitals",
                    "write GET, POST, PUT, DELETE ...");
            this.method = method;
            Require.notBlank("url", url, "give the endpoint's URL, e.g. http://127.0.0.1:8080/health");
            URI parsed;
            try {
                parsed = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("url is not a URL, was '" + url + "': " + e.getMessage(), e);
            }
            Require.that("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()), "url", url,
                    "an http or https URL", "write it as http://host:port/path");
            this.uri = parsed;
        }

        /** A header sent with every request (not Host, Connection, Content-Length, Expect or Upgrade: the client sets those). */
        public Builder header(String name, String value) {
            Require.notBlank("header name", name, "give the header's name, e.g. Content-Type");
            Require.that(!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)), "header name", name,
                    "not one of " + RESTRICTED_HEADERS, "leave it out: the HTTP client sets it");
            headers.put(name, Require.notNull("header value", value, "give a value, or leave the header out"));
            return this;
        }

        /** The request body sent with every request, as UTF-8; empty (the default) sends none. */
        public Builder body(String body) {
            this.body = Require.notNull("body", body, "give an empty string for no body");
            return this;
        }

        /** The longest wait to connect, and for the whole response. Default 5 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Require.between("requestTimeout", requestTimeout, Duration.ofMillis(10),
                    Duration.ofMinutes(5), "wait 10 ms to 5 min for a response");
            return this;
        }

        /** Hosts other than loopback this endpoint may send to, exactly as written in the URL. Default none. */
        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = List.copyOf(Require.notNull("allowedHosts", allowedHosts, "give List.of() for loopback only"));
            return this;
        }

        /** @throws IllegalArgumentException if the URL's host is neither loopback nor in {@link #allowedHosts} */
        public HttpEndpoint build() {
            AllowedHosts.check(uri.getHost(), allowedHosts);
            return new HttpEndpoint(this);
        }
    }
}
