package org.perflab.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.perflab.check.Require;

/**
 * Profiles a block of code with JDK Flight Recorder, in the running JVM, and summarises where its
 * threads were: on the CPU (execution samples, aggregated by method) or waiting (park, sleep,
 * monitor and socket events, added up). That difference is how CPU-bound work is told from
 * I/O-bound work: a loop that computes gives a sample every interval; a thread waiting for a
 * socket or a timer gives almost none, and its wait shows up as events instead.
 *
 * <pre>{@code
 * MethodProfile profile = JfrProfiler.create().profile("serialize", () -> render(catalog));
 * profile.hottestMethods(10)
 * }</pre>
 *
 * <p>JFR samples threads that run Java code every {@link Builder#samplingInterval} (default 10 ms),
 * so a block needs to run for a good number of intervals (a second gives about a hundred samples
 * per busy thread) before its table means anything. The first recording in a JVM takes a moment
 * to start Flight Recorder itself; it is not part of the measured wall time.
 *
 * <p>Surprise: the hottest method by <em>self</em> samples is often a JDK method (a
 * {@code StringBuilder} or array copy) called from your code; the <em>total</em> column, which
 * counts a method whenever it is anywhere on the sampled stack, names the caller to fix.
 */
public final class JfrProfiler {

    public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(10);
    /** JFR does not sample Java threads more often than this. */
    public static final Duration MIN_SAMPLING_INTERVAL = Duration.ofMillis(1);
    /** Waits of any length count: the wait share is then exact, at the cost of more events. */
    public static final Duration DEFAULT_WAIT_THRESHOLD = Duration.ZERO;

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** Events whose duration is time a thread spent off the CPU, waiting. */
    static final List<String> WAIT_EVENTS = List.of("jdk.ThreadPark", "jdk.ThreadSleep", "jdk.JavaMonitorWait",
            "jdk.JavaMonitorEnter", "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite");

    private final Duration samplingInterval;
    private final Duration waitThreshold;

    private JfrProfiler(Builder builder) {
        this.samplingInterval = builder.samplingInterval;
        this.waitThreshold = builder.waitThreshold;
    }

    /** A profiler sampling every 10 ms and counting every wait. */
    public static JfrProfiler create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration samplingInterval() {
        return samplingInterval;
    }

    /**
     * Runs {@code work} on the calling thread under a Flight Recorder recording and summarises it.
     * Samples of every thread count in the method table (work handed to a pool shows up too);
     * the CPU and wait shares are those of the calling thread.
     *
     * @param label names the profile in its table and {@code toString()}
     * @throws E whatever {@code work} throws; no profile is made then
     */
    public <E extends Exception> MethodProfile profile(String label, Work<E> work) throws E {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(work, "work");
        Path file = newTemporaryFile();
        long callingThreadId = Thread.currentThread().getId();
        long wallNanos;
        try {
            try (Recording recording = new Recording()) {
                recording.setName("perflab-" + label);
                recording.enable(EXECUTION_SAMPLE).withPeriod(samplingInterval).withStackTrace();
                for (String event : WAIT_EVENTS) {
                    recording.enable(event).withThreshold(waitThreshold).withoutStackTrace();
                }
                recording.start();
                long startNanos = System.nanoTime();
                try {
                    work.run();
                } finally {
                    wallNanos = System.nanoTime() - startNanos;
                    recording.stop();
                }
                recording.dump(file);
            }
            return summarise(label, wallNanos, callingThreadId, RecordingFile.readAllEvents(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the Flight Recorder file " + file + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private MethodProfile summarise(String label, long wallNanos, long callingThreadId, List<RecordedEvent> events) {
        MethodProfile.Tally tally = new MethodProfile.Tally(callingThreadId);
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            if (EXECUTION_SAMPLE.equals(type)) {
                tally.sample(event);
            } else if (WAIT_EVENTS.contains(type)) {
                tally.wait(type, event);
            }
        }
        return tally.toProfile(label, wallNanos, samplingInterval.toNanos());
    }

    private static Path newTemporaryFile() {
        try {
            return Files.createTempFile("perflab-profile-", ".jfr");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the Flight Recorder recording: "
                    + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover file in the temporary directory is harmless; the profile is what matters.
        }
    }

    /** {@code interval} if it is at least {@link #MIN_SAMPLING_INTERVAL}: JFR does not sample more often. */
    static Duration requireSamplingInterval(String name, Duration interval) {
        Require.notNull(name, interval, "give the sampling interval, e.g. Duration.ofMillis(10)");
        Require.that(interval.compareTo(MIN_SAMPLING_INTERVAL) >= 0, name, interval,
                ">= " + MIN_SAMPLING_INTERVAL.toMillis() + " ms", "JFR does not sample more often: give"
                        + " Duration.ofMillis(" + MIN_SAMPLING_INTERVAL.toMillis() + ") or more");
        return interval;
    }

    /** Configures a {@link JfrProfiler}. */
    public static final class Builder {
        private Duration samplingInterval = DEFAULT_SAMPLING_INTERVAL;
        private Duration waitThreshold = DEFAULT_WAIT_THRESHOLD;

        private Builder() {
        }

        /** How often each thread running Java code is sampled. Default 10 ms, at least 1 ms. */
        public Builder samplingInterval(Duration interval) {
            this.samplingInterval = requireSamplingInterval("samplingInterval", interval);
            return this;
        }

        /** Waits shorter than this are not recorded. Default 0: every wait counts. */
        public Builder waitThreshold(Duration threshold) {
            this.waitThreshold = Require.nonNegative("waitThreshold", threshold,
                    "give Duration.ZERO to record every wait, or the shortest wait worth seeing");
            return this;
        }

        public JfrProfiler build() {
            return new JfrProfiler(this);
        }
    }
}
