package org.perflab.scaling;

import java.util.List;
import java.util.Locale;
import org.perflab.charts.SeriesChart;
import org.perflab.load.LoadResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The measured points of a concurrency sweep ({@link WorkerSweep}'s worker threads, {@link FleetSweep}'s
 * instances): one {@link Step} per size, with the load result and the resources' utilization and saturation in
 * the same window. A sweep measured in rounds keeps every window of a size; the size's figures are those of its
 * median round (the window with the median throughput).
 */
public final class WorkerSweepResult {

    /** One size's window (workers or instances). Throughput counts completed requests per second of the window. */
    public record Step(int size, LoadResult load, ResourceUsage resources) {

        public double throughputPerSec() {
            return load.completed() / (load.elapsedNanos() / 1e9);
        }
    }

    private final String name;
    private final String work;
    private final String sizeName;
    private final boolean sizeIsThreads;
    private final List<Step> steps;
    private final List<List<Step>> windows;

    /**
     * @param sizeName      what the size counts, plural: "worker threads", "instances"
     * @param sizeIsThreads true when the size is threads of one process, whose chart marks the core count
     */
    WorkerSweepResult(String name, String work, String sizeName, boolean sizeIsThreads, List<Step> steps) {
        this(name, work, sizeName, sizeIsThreads, steps.stream().map(List::of).toArray(List[]::new));
    }

    /** Per size (in the order measured first), its windows in the order measured. */
    @SafeVarargs
    private WorkerSweepResult(String name, String work, String sizeName, boolean sizeIsThreads, List<Step>... windows) {
        this.name = name;
        this.work = work;
        this.sizeName = sizeName;
        this.sizeIsThreads = sizeIsThreads;
        this.windows = java.util.Arrays.stream(windows).<List<Step>>map(List::copyOf).toList();
        this.steps = this.windows.stream().map(WorkerSweepResult::medianWindow).toList();
    }

    /** A sweep measured in rounds: per size (in the order measured first), its windows in the order measured. */
    static WorkerSweepResult ofRounds(String name, String work, String sizeName, boolean sizeIsThreads,
                                      List<List<Step>> windows) {
        return new WorkerSweepResult(name, work, sizeName, sizeIsThreads, windows.toArray(List[]::new));
    }

    /** The window with the median throughput (the lower middle one of an even count). */
    static Step medianWindow(List<Step> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a size needs at least one measured window");
        }
        List<Step> byThroughput = windows.stream()
                .sorted(java.util.Comparator.comparingDouble(Step::throughputPerSec)).toList();
        return byThroughput.get((byThroughput.size() - 1) / 2);
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The step measured at {@code size} workers or instances: its median round's window. */
    public Step step(int size) {
        return steps.get(indexOf(size));
    }

    /** Every window measured at {@code size}, in the order measured: one per round. */
    public List<Step> windows(int size) {
        return windows.get(indexOf(size));
    }

    /** How many rounds the sweep measured. */
    public int rounds() {
        return windows.isEmpty() ? 0 : windows.get(0).size();
    }

    private int indexOf(int size) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).size() == size) {
                return i;
            }
        }
        throw new IllegalArgumentException("no step with " + size + " " + sizeName + "; measured: "
                + steps.stream().map(Step::size).toList());
    }

    /** The sizes, as the N of a scalability fit. */
    public double[] concurrency() {
        return steps.stream().mapToDouble(Step::size).toArray();
    }

    /** Completed requests per second at each worker count. */
    public double[] throughput() {
        return steps.stream().mapToDouble(Step::throughputPerSec).toArray();
    }

    public double[] p99Millis() {
        return steps.stream().mapToDouble(s -> s.load().latency().p99Millis()).toArray();
    }

    /**
     * Throughput at size {@code to} over throughput at size {@code from} (each its median round's): {@code to /
     * from} is linear.
     */
    public double speedup(int from, int to) {
        return step(to).throughputPerSec() / step(from).throughputPerSec();
    }

    /**
     * {@link #speedup} over the speed-up linear scaling allows on the cores usable at each size ({@link
     * ResourceUsage#usableCores}: this JVM's plus the idle ones): 1.0 is linear. On an otherwise idle machine with C
     * cores, the linear speed-up from {@code from} to {@code to} is {@code min(to, C) / min(from, C)}; when other
     * processes took cores during a window, the linear figure counts only the cores they left.
     */
    public double speedupOverLinear(int from, int to) {
        return speedup(from, to) / linearSpeedup(from, step(from).resources().usableCores(), to,
                step(to).resources().usableCores());
    }

    /** What linear scaling gives from {@code from} to {@code to} workers, each size limited to its usable cores. */
    static double linearSpeedup(int from, double usableAtFrom, int to, double usableAtTo) {
        return Math.min(to, usableAtTo) / Math.min(from, usableAtFrom);
    }

    /** The last (largest) step. */
    public Step last() {
        return steps.get(steps.size() - 1);
    }

    /**
     * One row per size: throughput, latency percentiles with the count, and the USE figures, of its median round;
     * with several rounds, every round's throughput in the order measured.
     */
    public Table table() {
        Table table = Table.create(name,
                IntColumn.create(sizeName),
                DoubleColumn.create("requests/s"),
                LongColumn.create("requests"),
                LongColumn.create("errors"),
                DoubleColumn.create("p50 ms"),
                DoubleColumn.create("p99 ms"),
                DoubleColumn.create("CPU busy %"),
                DoubleColumn.create("runnable waiting"),
                DoubleColumn.create("this JVM cores"),
                DoubleColumn.create("usable cores"),
                DoubleColumn.create("PostgreSQL cores"));
        StringColumn eachRound = StringColumn.create("requests/s, each round");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            eachRound.append(windows.get(i).stream().map(w -> String.format(Locale.ROOT, "%.0f", w.throughputPerSec()))
                    .collect(java.util.stream.Collectors.joining(" ")));
            ResourceUsage r = s.resources();
            table.intColumn(sizeName).append(s.size());
            table.doubleColumn("requests/s").append(round(s.throughputPerSec(), 0));
            table.longColumn("requests").append(s.load().completed());
            table.longColumn("errors").append(s.load().failed());
            table.doubleColumn("p50 ms").append(round(s.load().latency().p50Millis(), 3));
            table.doubleColumn("p99 ms").append(round(s.load().latency().p99Millis(), 3));
            table.doubleColumn("CPU busy %").append(round(r.cpuUtilization() * 100, 1));
            table.doubleColumn("runnable waiting").append(round(r.runnableBeyondCores(), 2));
            table.doubleColumn("this JVM cores").append(round(r.processCores(), 2));
            table.doubleColumn("usable cores").append(round(r.usableCores(), 2));
            table.doubleColumn("PostgreSQL cores").append(round(r.postgresCores(), 2));
        }
        if (rounds() > 1) {
            table.addColumns(eachRound);
        }
        // Gauges differ per sweep (a pool's waiting threads in one, nothing in another): one column pair each.
        for (String gauge : steps.isEmpty() ? List.<String>of() : steps.get(0).resources().gauges().keySet()) {
            DoubleColumn mean = DoubleColumn.create(gauge + " mean");
            DoubleColumn max = DoubleColumn.create(gauge + " max");
            for (Step s : steps) {
                mean.append(round(s.resources().gauge(gauge).mean(), 2));
                max.append(round(s.resources().gauge(gauge).max(), 2));
            }
            table.addColumns(mean, max);
        }
        return table;
    }

    /**
     * Throughput (left axis) and p99 (right axis) against the size; for threads, the core count marked; for
     * instances, the ideal of linear scaling (N times one instance's throughput) as a dashed line.
     */
    public Figure chart(String title) {
        SeriesChart.Builder chart = SeriesChart.builder(title, sizeName)
                .logX(sizeIsThreads)   // 1 to 128 threads spread evenly; a handful of instances reads better linearly
                .left("throughput (requests/s)")
                .right("p99 latency (ms)", false)
                .series("throughput", concurrency(), throughput())
                .rightSeries("p99", concurrency(), p99Millis());
        if (sizeIsThreads) {
            int cores = steps.isEmpty() ? Runtime.getRuntime().availableProcessors() : steps.get(0).resources().cores();
            chart.marker("cores = " + cores, cores);
            return chart.build();
        }
        Figure figure = chart.build();
        double[] sizes = concurrency();
        if (sizes.length < 2 || sizes[0] <= 0) {
            return figure;
        }
        double perUnit = throughput()[0] / sizes[0];
        return org.perflab.queueing.ChartOverlays.modelLine(figure, String.format(java.util.Locale.ROOT, "ideal linear: N × %.0f requests/s", perUnit),
                sizes, java.util.Arrays.stream(sizes).map(n -> n * perUnit).toArray());
    }

    private static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name).append(" (").append(work).append(")");
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "%n  %3d %s: %,9.0f requests/s, p99 %.3f ms over %,d requests; %s",
                    s.size(), sizeName, s.throughputPerSec(), s.load().latency().p99Millis(), s.load().completed(), s.resources()));
        }
        return out.toString();
    }
}
