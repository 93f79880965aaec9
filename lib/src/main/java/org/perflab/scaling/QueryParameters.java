package org.perflab.scaling;

import com.sun.net.httpserver.HttpExchange;
import org.perflab.check.Require;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query string of a request to a {@link ServiceInstance}, decoded, and its numeric parameters checked. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** Each {@code name=value} of the query, URL-decoded, in order; a name without '=' maps to "". */
    static Map<String, String> of(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    /** Parameter {@code name} as a whole number from 0 to {@code max}; 0 when absent. Bad values answer 400. */
    static long number(Map<String, String> query, String name, long max) {
        String value = query.get(name);
        if (value == null) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the limits.
        }
        throw Require.invalid(name, "'" + value + "'", "a whole number between 0 and " + max,
                "send digits only, e.g. " + name + "=100");
    }
}
