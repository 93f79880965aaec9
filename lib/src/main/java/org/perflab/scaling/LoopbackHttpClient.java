package org.perflab.scaling;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The Apache HttpClient an {@link HttpLoadTarget} sends with: a pool of kept-alive connections per source
 * address (a route includes the local address, so each simulated client's 127.0.0.x keeps its own), no
 * retries or redirects that would hide a failure, and the mapping of its exceptions to
 * {@link HttpLoadTarget.ErrorKind}s.
 */
final class LoopbackHttpClient {

    private static final String LOCAL_ADDRESS_ATTRIBUTE = "org.perflab.scaling.local-address";

    private LoopbackHttpClient() {
    }

    /**
     * A client with {@code maxConnections} per source address for {@code addresses} addresses, waiting at most
     * {@code requestTimeout} for a connection and for each read; keeping cookies only with {@code sessions}.
     */
    static CloseableHttpClient create(int maxConnections, int addresses, Duration requestTimeout, boolean sessions) {
        Timeout timeout = Timeout.ofMilliseconds(requestTimeout.toMillis());
        HttpClientBuilder http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // A route is (source address, target): the limit per route is the limit per source address.
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections * addresses)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                // A kept-alive connection the balancer closed meanwhile is noticed before use.
                                .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                                .build())
                        .build())
                .setRoutePlanner(new SourceAddressRoutePlanner())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                // A retry or a redirect would hide the failure an experiment is counting.
                .disableAutomaticRetries()
                .disableRedirectHandling();
        if (!sessions) {
            http.disableCookieManagement();
        }
        return http.build();
    }

    /** Makes the request sent with {@code context} open its connection (if it needs one) from {@code address}. */
    static void sendFrom(HttpClientContext context, InetAddress address) {
        context.setAttribute(LOCAL_ADDRESS_ATTRIBUTE, address);
    }

    /** How a request that got no response failed. */
    static HttpLoadTarget.ErrorKind kindOf(IOException e) {
        if (e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException
                || e instanceof ConnectionRequestTimeoutException) {
            return HttpLoadTarget.ErrorKind.TIMEOUT;
        }
        if (e instanceof HttpHostConnectException || e instanceof ConnectException) {
            return HttpLoadTarget.ErrorKind.CONNECTION_REFUSED;
        }
        if (e instanceof NoHttpResponseException || e instanceof SocketException
                || e instanceof ConnectionClosedException) {
            return HttpLoadTarget.ErrorKind.CONNECTION_RESET;
        }
        return HttpLoadTarget.ErrorKind.OTHER;
    }

    /** Binds each connection to the source address of the client whose request opens it. */
    private static final class SourceAddressRoutePlanner extends DefaultRoutePlanner {
        SourceAddressRoutePlanner() {
            super(DefaultSchemePortResolver.INSTANCE);
        }

        @Override
        protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
            return (InetAddress) context.getAttribute(LOCAL_ADDRESS_ATTRIBUTE);
        }
    }
}
