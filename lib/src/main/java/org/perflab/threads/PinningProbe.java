package org.perflab.threads;

import org.perflab.env.InstalledJdks.InstalledJdk;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Does a virtual thread that blocks inside {@code synchronized} hold on to its carrier thread? Each
 * of {@code threads} virtual threads takes a monitor of its own and sleeps {@code hold} inside it.
 * Where the carrier is pinned (JDK 21 to 23), only as many sleep at once as there are carriers, so
 * the whole takes about {@code threads / carriers × hold}; where it is not (JDK 24 on, JEP 491), they
 * all sleep together and it takes about {@code hold}. The probe runs in a fresh JVM of the JDK being
 * asked, with a fixed number of carriers, so every JDK answers the same question.
 */
public final class PinningProbe {

    private PinningProbe() {
    }

    /** What one JDK did: the wall time, and the two times pinning and no pinning would give. */
    public record Result(InstalledJdk jdk, int carriers, int threads, Duration hold, Duration elapsed) {
        public double elapsedMillis() {
            return elapsed.toNanos() / 1e6;
        }

        /** About {@code ceil(threads / carriers) × hold}: the carriers take turns. */
        public double pinnedMillis() {
            return Math.ceil(threads / (double) carriers) * hold.toMillis();
        }

        /** About {@code hold}: every thread sleeps at once. */
        public double unpinnedMillis() {
            return hold.toMillis();
        }

        /** Whether the time is nearer the pinned prediction than the unpinned one (on a log scale). */
        public boolean pinned() {
            return Math.log(elapsedMillis() / unpinnedMillis()) > Math.log(pinnedMillis() / elapsedMillis());
        }
    }

    /**
     * Runs the probe on {@code jdk} (21 or later) in a fresh JVM with {@code carriers} carrier threads
     * and no extra ones, and answers what it measured.
     */
    public static Result runOn(InstalledJdk jdk, int carriers, int threads, Duration hold)
            throws IOException, InterruptedException {
        if (jdk.feature() < 21) {
            throw new IllegalArgumentException(jdk + " has no virtual threads: they came in JDK 21");
        }
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(),
                "-Djdk.virtualThreadScheduler.parallelism=" + carriers,
                // No extra carriers while one is pinned: the question is what the pinned ones do.
                "-Djdk.virtualThreadScheduler.maxPoolSize=" + carriers,
                "-cp", ownClassPath(), PinningProbe.class.getName(),
                Integer.toString(threads), Long.toString(hold.toMillis())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the pinning probe on " + jdk + " did not end within 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException("the pinning probe on " + jdk + " failed: " + output);
            }
            long elapsedNanos = Long.parseLong(output.lines().reduce((first, last) -> last).orElseThrow());
            return new Result(jdk, carriers, threads, hold, Duration.ofNanos(elapsedNanos));
        } finally {
            process.destroyForcibly();
        }
    }

    /** The probe itself, in the JVM being asked: prints the elapsed nanoseconds. */
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long holdMillis = Long.parseLong(args[1]);
        // Reached by reflection: this class is compiled for JDK 17, which has no virtual threads.
        Method startVirtualThread = Thread.class.getMethod("startVirtualThread", Runnable.class);
        Runnable holdMonitorWhileBlocked = () -> {
            Object monitor = new Object();
            synchronized (monitor) {
                try {
                    Thread.sleep(holdMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        // Warm-up: the scheduler's threads and the classes involved, so the timed run measures blocking only.
        ((Thread) startVirtualThread.invoke(null, (Runnable) () -> { })).join();
        long start = System.nanoTime();
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            started.add((Thread) startVirtualThread.invoke(null, holdMonitorWhileBlocked));
        }
        for (Thread thread : started) {
            thread.join();
        }
        System.out.println(System.nanoTime() - start);
    }

    private static String ownClassPath() {
        try {
            return Path.of(PinningProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the library's classes for the probe's JVM", e);
        }
    }
}
