package org.perflab.scaling;

import java.net.URI;

/**
 * One server a load balancer forwards to: a service instance of a local {@link ServiceFleet} or one
 * the user runs elsewhere.
 *
 * @param name   the server's name in the balancer's configuration and statistics, and what the instance
 *               answers in its {@value ServiceInstance#INSTANCE_HEADER} header; letters, digits, {@code _ . -} only
 * @param host   an address the balancer and the load generator can reach ("127.0.0.1" for a local fleet)
 * @param port   its HTTP port
 * @param weight its share of the traffic relative to the others, for weighted balancing (HAProxy
 *               accepts 0 to 256; 0 sends it no new traffic)
 */
public record Upstream(String name, String host, int port, int weight) {

    public Upstream {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("an upstream name must be letters, digits, _ . - (it is an identifier"
                    + " in the balancer's configuration), got '" + name + "'");
        }
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("upstream " + name + " needs a host without spaces, got '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("upstream " + name + " port must be between 1 and 65535, got " + port);
        }
        if (weight < 0 || weight > 256) {
            throw new IllegalArgumentException("upstream " + name + " weight must be between 0 and 256, got " + weight);
        }
    }

    /** The same server with another weight. */
    public Upstream withWeight(int newWeight) {
        return new Upstream(name, host, port, newWeight);
    }

    /** "host:port", with IPv6 literals in brackets. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code http://host:port} followed by {@code pathAndQuery}, which starts with "/". */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with '/', got '" + pathAndQuery + "'");
        }
        return URI.create("http://" + address() + pathAndQuery);
    }

    @Override
    public String toString() {
        return name + "@" + address() + (weight == 1 ? "" : " weight " + weight);
    }
}
