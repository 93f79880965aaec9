package org.perflab.env;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facts a measurement depends on, gathered in one call so every notebook can open with them:
 * JDK, operating system, cores, memory, garbage collector, heap, PerfLab's version, the database and
 * Redis configured (or embedded when none is), when the run was made, and any backends an
 * experiment registered (a database, a cache, with their versions). Two runs are comparable only when these match.
 */
public final class Environment {

    /** Where a database is configured; {@code db.JdbcSettings} reads the same variable. */
    public static final String JDBC_URL_ENV = "PERFLAB_JDBC_URL";
    /** Where Redis is configured; {@code cache.RedisSettings} reads the same variable. */
    public static final String REDIS_URL_ENV = "PERFLAB_REDIS_URL";

    private static final Map<String, String> BACKENDS = new LinkedHashMap<>();
    private static final DateTimeFormatter RUN_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Environment() {
    }

    /** Records a backend an experiment uses (name and a description: version, where it runs). */
    public static synchronized void registerBackend(String name, String description) {
        BACKENDS.put(name, description);
    }

    /** The environment as ordered name/value pairs. */
    public static synchronized Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        facts.put("PerfLab", version());
        facts.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + Runtime.version());
        facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")");
        facts.put("cores", Integer.toString(runtime.availableProcessors()));
        facts.put("GC", gcNames());
        facts.put("max heap", String.format(Locale.ROOT, "%.0f MiB", runtime.maxMemory() / (1024.0 * 1024)));
        facts.put("JVM options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        facts.put("memory", physicalMemory());
        facts.put("database", configured(JDBC_URL_ENV, "PostgreSQL or H2 embedded in the notebook"));
        facts.put("Redis", configured(REDIS_URL_ENV, "Redis embedded in the notebook"));
        facts.put("run at", RUN_AT.format(Instant.now()));
        BACKENDS.forEach((name, description) -> facts.put("backend: " + name, description));
        return facts;
    }

    /** The environment as a two-column table, which a notebook renders as HTML. */
    public static Table table() {
        Map<String, String> facts = facts();
        return Table.create("Environment",
                StringColumn.create("fact", new ArrayList<>(facts.keySet())),
                StringColumn.create("value", new ArrayList<>(facts.values())));
    }

    /** One line for logs and result files: "JDK 17.0.15, 2 cores, G1, 6144 MiB heap". */
    public static String summary() {
        Map<String, String> facts = facts();
        return "JDK " + Runtime.version() + ", " + facts.get("cores") + " cores, " + facts.get("GC")
                + ", " + facts.get("max heap") + " heap";
    }

    /** The configured server (credentials and options left out), or what runs when nothing is configured. */
    static String configured(String variable, String otherwise) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            return otherwise + " (" + variable + " not set)";
        }
        return withoutCredentials(url) + " (" + variable + ")";
    }

    /** {@code redis://user:secret@host:6379/0?x=y} becomes {@code redis://host:6379/0}. */
    static String withoutCredentials(String url) {
        String bare = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return bare.replaceFirst("//[^/@]*@", "//");
    }

    private static String physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.0f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }

    private static String gcNames() {
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        return gcs.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }

    private static String version() {
        String version = Environment.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
