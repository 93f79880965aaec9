package org.perflab.env;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facts a measurement depends on, gathered in one call so every notebook can open with them:
 * JDK, operating system, cores, garbage collector, heap, PerfLab's version, and any backends an
 * experiment registered (a database, a cache). Two runs are comparable only when these match.
 */
public final class Environment {

    private static final Map<String, String> BACKENDS = new LinkedHashMap<>();

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

    private static String gcNames() {
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        return gcs.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }

    private static String version() {
        String version = Environment.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
