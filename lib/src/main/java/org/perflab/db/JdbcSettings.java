package org.perflab.db;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.perflab.check.Require;

/**
 * The database a user configured outside the notebook: a JDBC URL from the environment variable
 * {@value #URL_ENV} or the system property {@value #URL_PROPERTY} (the property wins), and the user
 * and password from {@value #USER_ENV} and {@value #PASSWORD_ENV}.
 *
 * <p>Credentials are read from the environment only, never from a notebook, so a saved notebook can
 * be shared without leaking them. {@link #toString()} never prints the password.
 */
public record JdbcSettings(String url, String user, String password) {

    public static final String URL_ENV = org.perflab.env.Environment.JDBC_URL_ENV;
    public static final String URL_PROPERTY = "perflab.jdbc.url";
    public static final String USER_ENV = "PERFLAB_JDBC_USER";
    public static final String PASSWORD_ENV = "PERFLAB_JDBC_PASSWORD";

    /** The settings of this process, or empty when no URL is configured. */
    public static Optional<JdbcSettings> fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** The settings found in the given environment and system properties (tests pass their own). */
    public static Optional<JdbcSettings> from(Map<String, String> env, Properties systemProperties) {
        String url = blankToNull(systemProperties.getProperty(URL_PROPERTY));
        if (url == null) {
            url = blankToNull(env.get(URL_ENV));
        }
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(new JdbcSettings(url, blankToNull(env.get(USER_ENV)), blankToNull(env.get(PASSWORD_ENV))));
    }

    public JdbcSettings {
        Require.that(url != null && url.startsWith("jdbc:"), URL_ENV,
                "'" + JdbcUrls.withoutPassword(String.valueOf(url)) + "'", "a JDBC URL starting with 'jdbc:'",
                "set it like jdbc:postgresql://127.0.0.1:5432/test");
    }

    /** The URL with any {@code password=} parameter masked, safe to print in a notebook. */
    public String urlWithoutPassword() {
        return JdbcUrls.withoutPassword(url);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + urlWithoutPassword() + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "(set)") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
