package org.perflab.scaling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Reads, while an experiment runs, what the USE method asks of each resource: its utilization (the share of
 * time it was busy), its saturation (work waiting for it) and its errors (counted by the experiment itself).
 * CPU comes from the operating system, so it counts every process on the machine, the database's too:
 * utilization from {@code /proc/stat}'s busy and idle ticks, saturation as the runnable threads beyond the
 * core count ({@code procs_running}, sampled), and the cores used by this JVM and by PostgreSQL's processes
 * (their {@code /proc/<pid>/stat} times) to say who used them. Other resources, such as a pool's waiting
 * threads, are sampled from gauges the caller adds.
 *
 * <p>Linux only for the operating-system figures; elsewhere they are NaN and {@link ResourceUsage#notes()}
 * says why, and the gauges still work.
 */
public final class ResourceSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);
    /** Linux reports per-process times in USER_HZ ticks, 100 per second on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC = Path.of("/proc");

    private final Map<String, DoubleSupplier> gauges;
    private final long intervalNanos;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final boolean linux = Files.isReadable(PROC.resolve("stat"));
    private final Thread sampler;
    private final Map<String, double[]> gaugeSums = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private volatile boolean running = true;
    private long samples;
    private double runnableBeyondCoresSum;
    private long startNanos;
    private long[] startMachineTicks;
    private long startProcessCpuNanos;
    private Map<Long, Long> startPostgresTicks = Map.of();
    private ResourceUsage usage;

    private ResourceSampler(Builder builder) {
        this.gauges = new LinkedHashMap<>(builder.gauges);
        this.intervalNanos = builder.interval.toNanos();
        gauges.keySet().forEach(name -> gaugeSums.put(name, new double[]{0, Double.NEGATIVE_INFINITY}));
        if (!linux) {
            notes.add("CPU utilization and saturation need Linux's /proc; not available here");
        }
        this.sampler = new Thread(this::sampleUntilStopped, "perflab-resource-sampler");
        sampler.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts sampling now; {@link #stop()} returns what was seen in between. */
    public static ResourceSampler start() {
        return builder().start();
    }

    private ResourceSampler begin() {
        startNanos = System.nanoTime();
        startMachineTicks = linux ? machineTicks() : null;
        startProcessCpuNanos = processCpuNanos();
        startPostgresTicks = linux ? postgresTicksByProcess() : Map.of();
        sampler.start();
        return this;
    }

    private void sampleUntilStopped() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(intervalNanos / 1_000_000, (int) (intervalNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sampleOnce() {
        samples++;
        if (linux) {
            // procs_running counts this sampler too, which is runnable while it reads.
            runnableBeyondCoresSum += Math.max(0, runnableThreads() - 1 - cores);
        }
        gauges.forEach((name, gauge) -> {
            double value = gauge.getAsDouble();
            double[] sum = gaugeSums.get(name);
            sum[0] += value;
            sum[1] = Math.max(sum[1], value);
        });
    }

    /** Stops sampling and returns the averages since the start; calling it again returns the same figures. */
    public synchronized ResourceUsage stop() {
        if (usage != null) {
            return usage;
        }
        running = false;
        sampler.interrupt();
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        double machineUtilization = Double.NaN;
        double postgresCores = Double.NaN;
        if (linux) {
            long[] end = machineTicks();
            long busy = end[0] - startMachineTicks[0];
            long total = end[1] - startMachineTicks[1];
            machineUtilization = total == 0 ? 0 : busy / (double) total;
            postgresCores = postgresTicksSince(startPostgresTicks) / TICKS_PER_SECOND / wallSeconds;
        }
        double processCores = (processCpuNanos() - startProcessCpuNanos) / 1e9 / wallSeconds;
        Map<String, ResourceUsage.Gauge> gaugeResults = new LinkedHashMap<>();
        gaugeSums.forEach((name, sum) -> gaugeResults.put(name,
                new ResourceUsage.Gauge(samples == 0 ? Double.NaN : sum[0] / samples, samples == 0 ? Double.NaN : sum[1])));
        usage = new ResourceUsage(cores, wallSeconds, machineUtilization,
                linux && samples > 0 ? runnableBeyondCoresSum / samples : Double.NaN,
                processCores, postgresCores, samples, gaugeResults, notes);
        return usage;
    }

    @Override
    public void close() {
        stop();
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String line = Files.readAllLines(PROC.resolve("stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal (guest times are already inside user and nice)
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e, e);
        }
    }

    private static int runnableThreads() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("stat"))) {
                if (line.startsWith("procs_running ")) {
                    return Integer.parseInt(line.substring("procs_running ".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: a missing line reads as no saturation rather than failing the experiment
        }
        return 0;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * User plus system ticks of every process named {@code postgres} on this machine, by process id: read
     * again with {@link #postgresTicksSince}.
     */
    static Map<Long, Long> postgresTicksByProcess() {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                long processTicks = postgresTicksOf(process);
                if (processTicks > 0) {
                    ticks.put(Long.parseLong(process.getFileName().toString()), processTicks);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * Ticks the {@code postgres} processes alive now used since {@code before} was read. Each process is
     * compared with itself: a sum over all of them would go negative when a backend that was counted
     * before exits (another client disconnecting). An exited backend's ticks are lost, which only
     * undercounts; an experiment keeps its connections open through a step anyway. A process new since
     * {@code before} (or a reused id with fewer ticks) counts in full.
     */
    static long postgresTicksSince(Map<Long, Long> before) {
        long ticks = 0;
        for (Map.Entry<Long, Long> now : postgresTicksByProcess().entrySet()) {
            long earlier = before.getOrDefault(now.getKey(), 0L);
            ticks += now.getValue() >= earlier ? now.getValue() - earlier : now.getValue();
        }
        return ticks;
    }

    private static long postgresTicksOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
                return 0;
            }
            // Fields after the command: state is field 3, utime field 14 and stime field 15 (proc(5)).
            String[] rest = stat.substring(close + 2).split(" ");
            return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended while being read
        }
    }

    /** Configures a {@link ResourceSampler}. */
    public static final class Builder {
        private final Map<String, DoubleSupplier> gauges = new LinkedHashMap<>();
        private Duration interval = DEFAULT_INTERVAL;

        private Builder() {
        }

        /** How often runnable threads and gauges are read; CPU times are read once at each end. */
        public Builder interval(Duration interval) {
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("interval must be at least 1 ms, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** A figure to sample alongside, for example a pool's threads waiting for a connection. */
        public Builder gauge(String name, DoubleSupplier gauge) {
            gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(gauge, "gauge"));
            return this;
        }

        public ResourceSampler start() {
            return new ResourceSampler(this).begin();
        }
    }
}
