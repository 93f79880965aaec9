package org.perflab.scaling;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a service instance, local or on another host, how it is: {@code /health} and {@code /stats}.
 * Every call is bounded by {@link #TIMEOUT}, so a stopped or stuck instance answers with an error in
 * seconds instead of hanging a notebook cell.
 */
final class InstanceProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private InstanceProbe() {
    }

    /** Null when {@code /health} answers 200, else what it answered or why it did not answer. */
    static String healthProblem(Upstream upstream) throws InterruptedException {
        try {
            HttpResponse<String> response = get(upstream, "/health");
            return response.statusCode() == 200 ? null
                    : "/health answered " + response.statusCode() + ": " + response.body().strip();
        } catch (IOException e) {
            return "/health did not answer: " + e;
        }
    }

    /** The instance's counters, from {@code /stats}. */
    static InstanceStats stats(Upstream upstream) {
        try {
            HttpResponse<String> response = get(upstream, "/stats");
            if (response.statusCode() != 200) {
                throw new IllegalStateException(upstream + " answered /stats with " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return JSON.readValue(response.body(), InstanceStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the stats of " + upstream + " (is it running?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the stats of " + upstream, e);
        }
    }

    private static HttpResponse<String> get(Upstream upstream, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(upstream.uri(path)).timeout(TIMEOUT).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
