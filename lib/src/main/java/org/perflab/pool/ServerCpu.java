package org.perflab.pool;

import org.perflab.db.Database;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time a pool's PostgreSQL server processes have used, read from {@code /proc/<pid>/stat} (user plus system
 * time): possible when PostgreSQL runs on this Linux machine and this process may read its processes' stat files.
 * On a machine shared with other programs the database's CPU share changes with their load; requests per CPU second
 * of the database does not, which makes it the quantity to compare pools by.
 */
public final class ServerCpu {

    /** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every architecture Linux exports it for. */
    static final double TICKS_PER_SECOND = 100;

    private final List<Path> stats;

    private ServerCpu(List<Path> stats) {
        this.stats = stats;
    }

    /**
     * The server processes behind {@code pool}'s connections (every process with the pool's application name), or
     * none when the database is not a PostgreSQL on this machine: then {@link #seconds()} is NaN.
     */
    public static ServerCpu of(Database database, DataSource pool) throws SQLException {
        List<Path> stats = new ArrayList<>();
        if (database.isPostgres()) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                         + " WHERE application_name = current_setting('application_name')")) {
                while (rows.next()) {
                    Path stat = Path.of("/proc", Integer.toString(rows.getInt(1)), "stat");
                    if (!Files.isReadable(stat)) {
                        return new ServerCpu(List.of());   // another machine, or another container's processes
                    }
                    stats.add(stat);
                }
            }
        }
        return new ServerCpu(List.copyOf(stats));
    }

    /** User plus system CPU seconds of the processes so far; NaN when they cannot be read. */
    public double seconds() {
        if (stats.isEmpty()) {
            return Double.NaN;
        }
        long ticks = 0;
        for (Path stat : stats) {
            try {
                ticks += cpuTicks(Files.readString(stat));
            } catch (IOException e) {
                return Double.NaN;   // the process ended: its time is gone with it
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** utime + stime, fields 14 and 15 of a stat line; the command name in parentheses may hold spaces. */
    static long cpuTicks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }
}
