package org.perflab.db;

import java.util.regex.Pattern;

/** Small, pure helpers on JDBC URL strings. */
final class JdbcUrls {

    // pgjdbc and H2 both accept password=...; pgjdbc separates with '&', H2 with ';'.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcUrls() {
    }

    /** The URL with any password parameter masked, safe to print in a notebook. */
    static String withoutPassword(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }
}
