package org.perflab.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import org.perflab.check.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link JfrProfiler} saw while a block ran: execution samples by method, and how long the
 * calling thread waited. Methods are named {@code Class.method} (the class without its package,
 * to keep tables narrow; JShell's generated classes show as {@code $JShell$12}).
 *
 * <p>Read it in two steps. First {@link #cpuShareOfWall()} against {@link #waitShareOfWall()}:
 * near 1 and near 0 is CPU-bound, the other way round is waiting (I/O, a lock, a timer). Then, for
 * CPU-bound work, {@link #hottestMethods(int)}: where the samples landed.
 *
 * <p>The CPU share is an estimate: samples x interval / wall time. A thread that is runnable but
 * not running (more busy threads than cores) is not sampled, so on a busy machine the share reads
 * low; the wait share, from event durations, does not have that problem.
 */
public final class MethodProfile {

    /**
     * One method's samples.
     *
     * @param method       {@code Class.method}
     * @param selfSamples  samples with this method on top of the stack: time spent in its own code
     * @param totalSamples samples with this method anywhere on the stack: time in it and its callees
     */
    public record MethodSamples(String method, long selfSamples, long totalSamples) {
    }

    private final String label;
    private final long wallNanos;
    private final long samplingIntervalNanos;
    private final long samples;
    private final long samplesOnCallingThread;
    private final long waitNanosOnCallingThread;
    private final List<MethodSamples> methods;
    private final List<Set<String>> stacks;
    private final Map<String, Long> waitNanosByEvent;

    private MethodProfile(Tally tally, String label, long wallNanos, long samplingIntervalNanos) {
        this.label = label;
        this.wallNanos = wallNanos;
        this.samplingIntervalNanos = samplingIntervalNanos;
        this.samples = tally.stacks.size();
        this.samplesOnCallingThread = tally.samplesOnCallingThread;
        this.waitNanosOnCallingThread = tally.waitNanosOnCallingThread;
        this.stacks = List.copyOf(tally.stacks);
        this.waitNanosByEvent = Map.copyOf(tally.waitNanosByEvent);
        List<MethodSamples> methods = new ArrayList<>();
        tally.totalSamples.forEach((method, total) ->
                methods.add(new MethodSamples(method, tally.selfSamples.getOrDefault(method, 0L), total)));
        methods.sort(Comparator.comparingLong(MethodSamples::selfSamples).reversed()
                .thenComparing(Comparator.comparingLong(MethodSamples::totalSamples).reversed()));
        this.methods = List.copyOf(methods);
    }

    public String label() {
        return label;
    }

    public long wallNanos() {
        return wallNanos;
    }

    public double wallMillis() {
        return wallNanos / 1e6;
    }

    /** Execution samples of every thread during the block. */
    public long samples() {
        return samples;
    }

    public long samplesOnCallingThread() {
        return samplesOnCallingThread;
    }

    /** Time the calling thread spent parked, sleeping, in monitors or blocked on sockets and files. */
    public long waitNanosOnCallingThread() {
        return waitNanosOnCallingThread;
    }

    /** Estimated fraction of the wall time the calling thread ran on a CPU: samples x interval / wall. */
    public double cpuShareOfWall() {
        return wallNanos == 0 ? 0 : Math.min(1.0, (double) samplesOnCallingThread * samplingIntervalNanos / wallNanos);
    }

    /** Fraction of the wall time the calling thread spent waiting, from the wait events' durations. */
    public double waitShareOfWall() {
        return wallNanos == 0 ? 0 : Math.min(1.0, (double) waitNanosOnCallingThread / wallNanos);
    }

    /** Every sampled method, most self samples first. */
    public List<MethodSamples> methods() {
        return methods;
    }

    /** Wait time on the calling thread by event type ({@code jdk.ThreadPark}, {@code jdk.SocketRead}, ...). */
    public Map<String, Long> waitNanosByEvent() {
        return waitNanosByEvent;
    }

    /**
     * The fraction of all samples whose stack holds a method whose {@code Class.method} name
     * contains {@code fragment}: how much of the CPU time was spent in (or under) that code.
     */
    public double shareOfSamplesIn(String fragment) {
        Objects.requireNonNull(fragment, "fragment");
        if (samples == 0) {
            return 0;
        }
        long matching = stacks.stream()
                .filter(stack -> stack.stream().anyMatch(method -> method.contains(fragment)))
                .count();
        return (double) matching / samples;
    }

    /**
     * The {@code limit} methods with most self samples: {@code method, self_samples, self_pct,
     * total_samples, total_pct}; percentages of all samples.
     */
    public Table hottestMethods(int limit) {
        Require.atLeast("limit", limit, 1, "ask for at least one method, e.g. 10");
        StringColumn method = StringColumn.create("method");
        LongColumn self = LongColumn.create("self_samples");
        DoubleColumn selfPct = DoubleColumn.create("self_pct");
        LongColumn total = LongColumn.create("total_samples");
        DoubleColumn totalPct = DoubleColumn.create("total_pct");
        for (MethodSamples row : methods.subList(0, Math.min(limit, methods.size()))) {
            method.append(row.method());
            self.append(row.selfSamples());
            selfPct.append(percent(row.selfSamples()));
            total.append(row.totalSamples());
            totalPct.append(percent(row.totalSamples()));
        }
        return Table.create("hottest methods: " + label + " (" + samples + " samples)", method, self, selfPct,
                total, totalPct);
    }

    /**
     * Where the calling thread waited: {@code event, wait_ms, share_of_wall_pct}, one row per JFR
     * event type ({@code jdk.ThreadPark} for locks, futures and timed waits, {@code jdk.SocketRead}
     * for blocking socket reads, ...), longest first.
     */
    public Table waitTable() {
        StringColumn event = StringColumn.create("event");
        DoubleColumn waitMs = DoubleColumn.create("wait_ms");
        DoubleColumn share = DoubleColumn.create("share_of_wall_pct");
        waitNanosByEvent.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> {
                    event.append(entry.getKey());
                    waitMs.append(Math.round(entry.getValue() / 1e3) / 1e3);
                    share.append(wallNanos == 0 ? 0 : Math.round(1000.0 * entry.getValue() / wallNanos) / 10.0);
                });
        return Table.create("waits on the calling thread: " + label, event, waitMs, share);
    }

    private double percent(long count) {
        return samples == 0 ? 0 : Math.round(1000.0 * count / samples) / 10.0;
    }

    @Override
    public String toString() {
        String top = methods.isEmpty() ? "no samples" : "hottest " + methods.get(0).method();
        return String.format(Locale.ROOT, "%s: %.1f ms wall, %d samples (%d on the calling thread), on CPU ~%.0f%%,"
                        + " waiting %.0f%% of the wall time; %s", label, wallMillis(), samples, samplesOnCallingThread,
                100 * cpuShareOfWall(), 100 * waitShareOfWall(), top);
    }

    /** Accumulates events as they are read. */
    static final class Tally {
        private final long callingThreadId;
        private final List<Set<String>> stacks = new ArrayList<>();
        private final Map<String, Long> selfSamples = new HashMap<>();
        private final Map<String, Long> totalSamples = new LinkedHashMap<>();
        private final Map<String, Long> waitNanosByEvent = new LinkedHashMap<>();
        private long samplesOnCallingThread;
        private long waitNanosOnCallingThread;

        Tally(long callingThreadId) {
            this.callingThreadId = callingThreadId;
        }

        void sample(RecordedEvent event) {
            RecordedStackTrace trace = event.getStackTrace();
            if (trace == null || trace.getFrames().isEmpty()) {
                return;
            }
            Set<String> stack = new LinkedHashSet<>();
            for (RecordedFrame frame : trace.getFrames()) {
                if (frame.isJavaFrame()) {
                    stack.add(name(frame.getMethod()));
                }
            }
            if (stack.isEmpty()) {
                return;
            }
            stacks.add(stack);
            selfSamples.merge(stack.iterator().next(), 1L, Long::sum);
            // A recursive method counts once per sample: total_pct never exceeds 100.
            stack.forEach(method -> totalSamples.merge(method, 1L, Long::sum));
            RecordedThread thread = event.getThread("sampledThread");
            if (thread != null && thread.getJavaThreadId() == callingThreadId) {
                samplesOnCallingThread++;
            }
        }

        void wait(String type, RecordedEvent event) {
            RecordedThread thread = event.getThread();
            if (thread != null && thread.getJavaThreadId() == callingThreadId) {
                long nanos = event.getDuration().toNanos();
                waitNanosOnCallingThread += nanos;
                waitNanosByEvent.merge(type, nanos, Long::sum);
            }
        }

        MethodProfile toProfile(String label, long wallNanos, long samplingIntervalNanos) {
            return new MethodProfile(this, label, wallNanos, samplingIntervalNanos);
        }

        private static String name(RecordedMethod method) {
            String type = method.getType().getName();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            return simple + "." + method.getName();
        }
    }
}
