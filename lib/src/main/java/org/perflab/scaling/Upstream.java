package org.perflab.scaling;

import java.net.URI;
import org.perflab.check.Require;

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
        Require.that(name != null && name.matches("[A-Za-z0-9_.-]+"), "upstream name", "'" + name + "'",
                "letters, digits, _ . - (an identifier in the balancer's configuration)",
                "name it without spaces or other signs, e.g. app-1");
        Require.that(host != null && !host.isBlank() && host.chars().noneMatch(Character::isWhitespace),
                "upstream " + name + " host", "'" + host + "'", "an address without spaces",
                "write an IP address or host name, e.g. 127.0.0.1");
        Require.between("upstream " + name + " port", port, 1, 65_535, "give the port the server listens on");
        Require.between("upstream " + name + " weight", weight, 0, 256,
                "use 1 for an even share, more for a bigger share, 0 to send it no new traffic");
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
        Require.that(pathAndQuery != null && pathAndQuery.startsWith("/"), "pathAndQuery", "'" + pathAndQuery + "'",
                "a path starting with /", "write a path such as /work?cpu_us=100");
        return URI.create("http://" + address() + pathAndQuery);
    }

    @Override
    public String toString() {
        return name + "@" + address() + (weight == 1 ? "" : " weight " + weight);
    }
}
