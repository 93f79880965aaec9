package org.perflab.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Folded stacks from a Flight Recorder recording, weighted by wall time: each execution sample
 * counts as one sampling interval on a CPU, each wait event (park, sleep, monitor enter, socket or
 * file read and write, all recorded with their stacks) as its duration off the CPU. A plain CPU
 * flame graph would show nothing for a thread that waits for a socket or a lock, because Flight
 * Recorder samples only threads running Java code; adding the waits makes one graph of where the
 * requests' wall time went.
 *
 * <p>Only stacks that pass through {@code rootFrame} (a {@code Class.method} name, such as
 * {@code ProductHandler.handle}) are kept, cut below it, so threads that are not serving requests
 * (a pool's idle workers, a server's accept loop) stay out. Frames of lambdas and of
 * {@link SpanRecorder} are hidden by default: they are plumbing between a method and its parts.
 *
 * <pre>{@code
 * FlameGraph graph = FlameGraph.record("ProductHandler.handle", () -> load.run());
 * graph.shareUnder("ProductHandler.loadReviews")   // 0.9: nine tenths of the wall time
 * }</pre>
 */
public final class FlameGraph {

    public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(10);
    /** Lambdas and span plumbing: frames between a method and the parts it calls. */
    public static final Predicate<String> PLUMBING = frame -> frame.contains("lambda$") || frame.contains("$$Lambda")
            || frame.startsWith("SpanRecorder.");

    /** One stack, root first, with its time on a CPU and its time waiting. */
    public record Stack(List<String> frames, long cpuNanos, long waitNanos) {
        public long nanos() {
            return cpuNanos + waitNanos;
        }
    }

    /** A frame in the merged tree: its time and that of everything it called. */
    public record Node(String frame, long cpuNanos, long waitNanos, List<Node> children) {
        public long nanos() {
            return cpuNanos + waitNanos;
        }
    }

    private final String rootFrame;
    private final List<Stack> stacks;
    private final long totalNanos;
    private final long droppedStacks;

    private FlameGraph(String rootFrame, Map<List<String>, long[]> folded, long droppedStacks) {
        this.rootFrame = rootFrame;
        List<Stack> list = new ArrayList<>();
        folded.forEach((frames, nanos) -> list.add(new Stack(List.copyOf(frames), nanos[0], nanos[1])));
        list.sort(Comparator.comparingLong(Stack::nanos).reversed());
        this.stacks = List.copyOf(list);
        this.totalNanos = list.stream().mapToLong(Stack::nanos).sum();
        this.droppedStacks = droppedStacks;
    }

    /** Records {@code work} with the default interval and hides {@link #PLUMBING}. */
    public static <E extends Exception> FlameGraph record(String rootFrame, Work<E> work) throws E {
        return record(rootFrame, DEFAULT_SAMPLING_INTERVAL, PLUMBING, work);
    }

    /**
     * Runs {@code work} under a Flight Recorder recording of execution samples every
     * {@code interval} and of every wait, with stacks, and folds the stacks through {@code rootFrame}.
     */
    public static <E extends Exception> FlameGraph record(String rootFrame, Duration interval, Predicate<String> hidden,
                                                          Work<E> work) throws E {
        Objects.requireNonNull(rootFrame, "rootFrame");
        Objects.requireNonNull(work, "work");
        JfrProfiler.requireSamplingInterval("interval", interval);
        Path file = temporaryFile();
        try {
            try (Recording recording = new Recording()) {
                recording.setName("perflab-flame-graph");
                recording.enable(JfrProfiler.EXECUTION_SAMPLE).withPeriod(interval).withStackTrace();
                for (String event : JfrProfiler.WAIT_EVENTS) {
                    recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
                }
                recording.start();
                try {
                    work.run();
                } finally {
                    recording.stop();
                }
                recording.dump(file);
            }
            Builder builder = builder(rootFrame).hiding(hidden);
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                String type = event.getEventType().getName();
                boolean sample = JfrProfiler.EXECUTION_SAMPLE.equals(type);
                if (sample || JfrProfiler.WAIT_EVENTS.contains(type)) {
                    builder.add(framesRootFirst(event.getStackTrace()),
                            sample ? interval.toNanos() : 0, sample ? 0 : event.getDuration().toNanos());
                }
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the Flight Recorder file " + file + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temporary file is harmless; the graph is what matters.
            }
        }
    }

    private static List<String> framesRootFirst(RecordedStackTrace trace) {
        List<String> frames = new ArrayList<>();
        if (trace == null) {
            return frames;
        }
        for (RecordedFrame frame : trace.getFrames()) {
            if (frame.isJavaFrame()) {
                String type = frame.getMethod().getType().getName();
                int hidden = type.indexOf("$$Lambda");   // a lambda's hidden class: Foo$$Lambda$12/0x0000...
                if (hidden >= 0) {
                    type = type.substring(0, hidden + "$$Lambda".length());
                }
                frames.add(0, type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName());
            }
        }
        return frames;
    }

    public static Builder builder(String rootFrame) {
        return new Builder(rootFrame);
    }

    public String rootFrame() {
        return rootFrame;
    }

    /** Every kept stack, heaviest first. */
    public List<Stack> stacks() {
        return stacks;
    }

    /** Wall time (CPU samples plus waits) of all kept stacks. */
    public long totalNanos() {
        return totalNanos;
    }

    /** Stacks that did not pass through the root frame (other threads, or stacks cut at JFR's depth limit). */
    public long droppedStacks() {
        return droppedStacks;
    }

    /** The fraction of the graph's time whose stack holds a frame containing {@code fragment}. */
    public double shareUnder(String fragment) {
        Objects.requireNonNull(fragment, "fragment");
        if (totalNanos == 0) {
            return 0;
        }
        long under = stacks.stream().filter(stack -> stack.frames().stream().anyMatch(f -> f.contains(fragment)))
                .mapToLong(Stack::nanos).sum();
        return (double) under / totalNanos;
    }

    /** Of these frames, the one with the largest {@link #shareUnder}: the widest box among them. */
    public String widestOf(List<String> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames must name at least one frame");
        }
        return frames.stream().max(Comparator.comparingDouble(this::shareUnder)).orElseThrow();
    }

    /**
     * The same graph with its on-CPU time scaled so that CPU plus waits add up to {@code wallNanos},
     * the wall time the threads are known (from spans) to have spent under the root. Waits are
     * timed exactly, but samples only say where CPU time went, not how much: on a busy machine the
     * sampler itself falls behind and a CPU-bound part looks narrower than it was. Unchanged when
     * there are no samples or the waits alone already fill {@code wallNanos}.
     */
    public FlameGraph withCpuTimeScaledTo(long wallNanos) {
        long cpu = stacks.stream().mapToLong(Stack::cpuNanos).sum();
        long waits = totalNanos - cpu;
        if (cpu == 0 || wallNanos <= waits) {
            return this;
        }
        double scale = (double) (wallNanos - waits) / cpu;
        Map<List<String>, long[]> folded = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            folded.put(stack.frames(), new long[] {Math.round(stack.cpuNanos() * scale), stack.waitNanos()});
        }
        return new FlameGraph(rootFrame, folded, droppedStacks);
    }

    /** Brendan Gregg's folded format, one line per stack: {@code root;child;leaf microseconds}. */
    public List<String> folded() {
        return stacks.stream().map(stack -> String.join(";", stack.frames()) + " " + stack.nanos() / 1_000).toList();
    }

    /** The stacks merged into a tree from the root frame; children widest first. */
    public Node tree() {
        return merge(rootFrame, stacks, 1);
    }

    private static Node merge(String frame, List<Stack> stacks, int depth) {
        long cpu = stacks.stream().mapToLong(Stack::cpuNanos).sum();
        long waits = stacks.stream().mapToLong(Stack::waitNanos).sum();
        Map<String, List<Stack>> byChild = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            if (stack.frames().size() > depth) {
                byChild.computeIfAbsent(stack.frames().get(depth), f -> new ArrayList<>()).add(stack);
            }
        }
        List<Node> children = new ArrayList<>();
        byChild.forEach((child, under) -> children.add(merge(child, under, depth + 1)));
        children.sort(Comparator.comparingLong(Node::nanos).reversed());
        return new Node(frame, cpu, waits, List.copyOf(children));
    }

    /**
     * Where the time ended up: the top frame (leaf) of each stack, added up, heaviest first:
     * {@code top_frame, on_cpu_ms, waiting_ms, share_pct}.
     */
    public Table topFrames(int limit) {
        Map<String, long[]> byLeaf = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            long[] sums = byLeaf.computeIfAbsent(stack.frames().get(stack.frames().size() - 1), f -> new long[2]);
            sums[0] += stack.cpuNanos();
            sums[1] += stack.waitNanos();
        }
        StringColumn frame = StringColumn.create("top_frame");
        DoubleColumn cpu = DoubleColumn.create("on_cpu_ms");
        DoubleColumn waits = DoubleColumn.create("waiting_ms");
        DoubleColumn share = DoubleColumn.create("share_pct");
        byLeaf.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) ->
                e.getValue()[0] + e.getValue()[1]).reversed()).limit(limit).forEach(entry -> {
                    frame.append(entry.getKey());
                    cpu.append(Math.round(entry.getValue()[0] / 1e5) / 10.0);
                    waits.append(Math.round(entry.getValue()[1] / 1e5) / 10.0);
                    share.append(totalNanos == 0 ? 0
                            : Math.round(1000.0 * (entry.getValue()[0] + entry.getValue()[1]) / totalNanos) / 10.0);
                });
        return Table.create("top frames under " + rootFrame, frame, cpu, waits, share);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "flame graph under %s: %.1f ms of wall time in %d distinct stacks"
                + " (%d stacks elsewhere dropped)", rootFrame, totalNanos / 1e6, stacks.size(), droppedStacks);
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("perflab-flame-", ".jfr");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the Flight Recorder recording: "
                    + e.getMessage(), e);
        }
    }

    /** Folds stacks one by one; {@link #record} uses it, and tests feed it by hand. */
    public static final class Builder {
        private final String rootFrame;
        private final Map<List<String>, long[]> folded = new LinkedHashMap<>();
        private Predicate<String> hidden = PLUMBING;
        private long dropped;

        private Builder(String rootFrame) {
            this.rootFrame = Objects.requireNonNull(rootFrame, "rootFrame");
        }

        /** Frames to leave out of every stack. Default {@link #PLUMBING}. */
        public Builder hiding(Predicate<String> hidden) {
            this.hidden = Objects.requireNonNull(hidden, "hidden");
            return this;
        }

        /** One stack, root first; kept from its first {@code rootFrame} on, or dropped if it has none. */
        public Builder add(List<String> framesRootFirst, long cpuNanos, long waitNanos) {
            int root = framesRootFirst.indexOf(rootFrame);
            if (root < 0) {
                dropped++;
                return this;
            }
            List<String> kept = new ArrayList<>();
            kept.add(rootFrame);
            for (String frame : framesRootFirst.subList(root + 1, framesRootFirst.size())) {
                if (!hidden.test(frame) && !frame.equals(rootFrame)) {
                    kept.add(frame);
                }
            }
            long[] sums = folded.computeIfAbsent(kept, k -> new long[2]);
            sums[0] += cpuNanos;
            sums[1] += waitNanos;
            return this;
        }

        public FlameGraph build() {
            return new FlameGraph(rootFrame, folded, dropped);
        }
    }
}
