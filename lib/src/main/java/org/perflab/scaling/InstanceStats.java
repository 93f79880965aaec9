package org.perflab.scaling;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One reading of a service instance's counters, as {@code GET /stats} returns them, for the USE
 * method: utilization of its workers ({@link #utilizationSince}), saturation (requests waiting for a
 * worker, {@link #queued}) and errors. Counters cover the served endpoints ({@code /work} and
 * {@code /session}); the small {@code /health} and {@code /stats} requests are left out so that
 * watching an instance does not change its numbers.
 *
 * @param name        the instance's name
 * @param pid         its operating-system process id
 * @param workers     its fixed number of worker threads
 * @param uptimeNanos time since it started listening
 * @param requests    served requests that completed, whatever their status
 * @param errors      of those, the ones answered with a 5xx status
 * @param executing   requests a worker is handling right now
 * @param queued      connections waiting in the executor's queue for a free worker (saturation)
 * @param busyNanos   total time workers spent handling served requests since start, including the part
 *                    of running requests done so far
 * @param cpuClock    "thread-cpu" when {@code cpu_us} burns thread CPU time, "wall" where the JVM cannot
 *                    measure it
 */
public record InstanceStats(String name, long pid, int workers, long uptimeNanos, long requests, long errors,
                            int executing, int queued, long busyNanos, String cpuClock) {

    /**
     * The fraction of worker time spent on requests between {@code earlier} and this reading: 0 when
     * idle, 1 when every worker was busy the whole time. Take two readings around a load step.
     */
    public double utilizationSince(InstanceStats earlier) {
        requireSameInstance(earlier);
        long elapsed = uptimeNanos - earlier.uptimeNanos;
        if (elapsed <= 0) {
            throw new IllegalArgumentException("earlier must be an older reading of " + name + " (its uptime "
                    + earlier.uptimeNanos + " ns is not before " + uptimeNanos + " ns)");
        }
        return (double) (busyNanos - earlier.busyNanos) / ((double) elapsed * workers);
    }

    /** Requests completed per second between {@code earlier} and this reading. */
    public double throughputSince(InstanceStats earlier) {
        requireSameInstance(earlier);
        long elapsed = uptimeNanos - earlier.uptimeNanos;
        return elapsed <= 0 ? 0 : (requests - earlier.requests) * 1e9 / elapsed;
    }

    /** "instance-1 (pid 1234): 4 workers, 120 requests, 0 errors, 2 executing, 0 queued, up 3.2 s". */
    public String describe() {
        return String.format(Locale.ROOT, "%s (pid %d): %d workers, %d requests, %d errors, %d executing, %d queued,"
                        + " up %.1f s", name, pid, workers, requests, errors, executing, queued,
                uptimeNanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    private void requireSameInstance(InstanceStats earlier) {
        // A restarted instance keeps its name but starts its counters from zero with a new pid.
        if (!name.equals(earlier.name) || pid != earlier.pid) {
            throw new IllegalArgumentException("readings of different instances (or of one before and after a"
                    + " restart): " + earlier.name + " pid " + earlier.pid + " and " + name + " pid " + pid);
        }
    }
}
