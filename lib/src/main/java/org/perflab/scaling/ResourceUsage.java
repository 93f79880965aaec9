package org.perflab.scaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link ResourceSampler} saw over one measured window.
 *
 * @param cores                     processors available to this JVM
 * @param wallSeconds               length of the window
 * @param cpuUtilization            share of all cores' time the machine was busy, 0 to 1 (every process)
 * @param runnableBeyondCores       mean number of threads ready to run for which no core was free: CPU saturation
 * @param processCores              cores' worth of CPU this JVM used (2.0 = two cores for the whole window)
 * @param postgresCores             cores' worth of CPU used by local PostgreSQL processes (0 when none run here)
 * @param samples                   how many times runnable threads and gauges were read
 * @param gauges                    mean and maximum of each caller-supplied gauge
 * @param notes                     why a figure is missing, if one is
 */
public record ResourceUsage(int cores, double wallSeconds, double cpuUtilization, double runnableBeyondCores,
                            double processCores, double postgresCores, long samples, Map<String, Gauge> gauges,
                            List<String> notes) {

    public ResourceUsage {
        gauges = Collections.unmodifiableMap(new LinkedHashMap<>(gauges));
        notes = List.copyOf(notes);
    }

    /** Mean and maximum of one sampled figure. */
    public record Gauge(double mean, double max) {
    }

    public Gauge gauge(String name) {
        Gauge gauge = gauges.get(name);
        if (gauge == null) {
            throw new IllegalArgumentException("no gauge named '" + name + "'; sampled: " + gauges.keySet());
        }
        return gauge;
    }

    /**
     * Cores this JVM could have used in the window: its own plus the idle ones; the rest were taken by other
     * processes (a build next door, another container on the same host). All cores when the machine's busy share
     * is unknown.
     */
    public double usableCores() {
        if (Double.isNaN(cpuUtilization) || Double.isNaN(processCores)) {
            return cores;
        }
        return Math.min(cores, processCores + cores * Math.max(0, 1 - cpuUtilization));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CPU %.0f%% of %d cores (this JVM %.2f cores, PostgreSQL %.2f), %.2f runnable threads waiting for a core, %d samples over %.1f s",
                cpuUtilization * 100, cores, processCores, postgresCores, runnableBeyondCores, samples, wallSeconds);
    }
}
