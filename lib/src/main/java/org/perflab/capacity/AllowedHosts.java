package org.perflab.capacity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The rule that keeps load on machines the reader meant: a loopback target needs nothing, any other host must be
 * named in the parameters' list of allowed hosts. Sending a few hundred requests a second to a host by mistake
 * (a production URL left in a parameter) is the accident this prevents.
 */
final class AllowedHosts {

    private AllowedHosts() {
    }

    /**
     * Returns {@code host} when it is loopback or named in {@code allowed} (case-insensitive, as written in the
     * URL), else throws naming the parameter to change.
     */
    static String check(String host, List<String> allowed) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the target names no host; give a URL such as http://127.0.0.1:8080/");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isLoopback(bare) || allowed.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT)))) {
            return host;
        }
        throw new IllegalArgumentException("refusing to send load to " + host + ": it is not a loopback address and is"
                + " not in allowedHosts " + allowed + ". If you mean to load that host, add \"" + host
                + "\" to allowedHosts in the parameters cell");
    }

    /** {@code localhost} and the 127.0.0.0/8 and ::1 literals, resolved without a DNS query for other names. */
    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
