package org.perflab.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One backend server as HAProxy's {@code show stat} reports it at one moment.
 *
 * @param name             the server's name (the {@link Upstream#name()})
 * @param status           HAProxy's word for its state: {@code UP}, {@code DOWN}, {@code MAINT},
 *                         {@code no check} (up, never checked), or a transition such as {@code UP 1/2}
 *                         (up, one failed check of the two that mark it down)
 * @param currentSessions  requests (connections) it is serving now
 * @param totalSessions    requests it has been given since HAProxy started
 * @param queued           requests waiting in HAProxy for a free slot on it ({@code maxconn})
 * @param connectionErrors failed attempts to connect to it
 * @param responseErrors   responses that broke off or could not be read
 * @param retries          connection attempts repeated on it
 * @param redispatches     requests sent elsewhere after failing on it
 * @param checkStatus      the last health check's result, e.g. {@code L7OK}, {@code L4CON}
 *                         (refused), {@code L7STS} (bad status); empty without checks
 */
public record UpstreamStats(String name, String status, long currentSessions, long totalSessions, long queued,
                            long connectionErrors, long responseErrors, long retries, long redispatches,
                            String checkStatus) {

    /** Whether HAProxy sends it traffic: UP (possibly going down), or never checked. */
    public boolean up() {
        return status.startsWith("UP") || status.equals("no check");
    }

    /** Whether HAProxy took it out of rotation after failed checks or errors (not for maintenance). */
    public boolean down() {
        return status.startsWith("DOWN");
    }

    /** HAProxy's name for the row that sums up a whole backend. */
    static final String BACKEND_ROW = "BACKEND";

    /**
     * The rows of {@code backend} in a {@code show stat} CSV answer (header line first): its servers,
     * and with {@code includeTotal} last the {@value #BACKEND_ROW} row, whose {@code queued} counts
     * requests no server has taken yet.
     */
    static List<UpstreamStats> parse(String csv, String backend, boolean includeTotal) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IllegalStateException("HAProxy's stats socket did not answer with a CSV header: '"
                    + csv.lines().findFirst().orElse("") + "'");
        }
        List<String> header = List.of(lines.get(0).substring(2).split(",", -1));
        Columns columns = new Columns(header);
        return lines.stream().skip(1)
                .map(UpstreamStats::fields)
                .filter(row -> row.get(columns.proxy).equals(backend))
                .filter(row -> includeTotal || !row.get(columns.server).equals(BACKEND_ROW))
                .map(columns::toStats)
                .toList();
    }

    /**
     * The fields of one CSV line. HAProxy quotes a field that holds a comma (a check's description,
     * "Layer4 connection problem, info: ..."), doubling quotes inside it.
     */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Positions of the columns read, found by name since HAProxy versions append columns. */
    private static final class Columns {
        final int proxy;
        final int server;
        final int status;
        final int current;
        final int total;
        final int queued;
        final int connectionErrors;
        final int responseErrors;
        final int retries;
        final int redispatches;
        final int checkStatus;

        Columns(List<String> header) {
            proxy = index(header, "pxname");
            server = index(header, "svname");
            status = index(header, "status");
            current = index(header, "scur");
            total = index(header, "stot");
            queued = index(header, "qcur");
            connectionErrors = index(header, "econ");
            responseErrors = index(header, "eresp");
            retries = index(header, "wretr");
            redispatches = index(header, "wredis");
            checkStatus = index(header, "check_status");
        }

        UpstreamStats toStats(List<String> row) {
            return new UpstreamStats(row.get(server), row.get(status), number(row.get(current)),
                    number(row.get(total)), number(row.get(queued)), number(row.get(connectionErrors)),
                    number(row.get(responseErrors)), number(row.get(retries)), number(row.get(redispatches)),
                    // HAProxy marks a check in progress with a leading "* ".
                    row.get(checkStatus).replace("* ", ""));
        }

        private static int index(List<String> header, String column) {
            int index = header.indexOf(column);
            if (index < 0) {
                throw new IllegalStateException("HAProxy's show stat has no column '" + column + "'; header: " + header);
            }
            return index;
        }

        private static long number(String value) {
            return value.isEmpty() ? 0 : Long.parseLong(value.trim());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s (%d now, %d total, %d queued, %d connect errors, %d response errors%s)",
                name, status, currentSessions, totalSessions, queued, connectionErrors, responseErrors,
                checkStatus.isEmpty() ? "" : ", check " + checkStatus);
    }
}
