package org.perflab.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlameGraphTest {

    private static FlameGraph handMade() {
        return FlameGraph.builder("Handler.handle")
                .add(List.of("Thread.run", "Handler.handle", "Handler.lambda$handle$0", "Handler.query", "Socket.read"),
                        0, 60)
                .add(List.of("Thread.run", "Handler.handle", "SpanRecorder.inSpan", "Handler.render", "Json.write"),
                        30, 0)
                .add(List.of("Thread.run", "Handler.handle", "Handler.render"), 10, 0)
                .add(List.of("Thread.run", "Pool.idle", "Unsafe.park"), 0, 1_000)
                .build();
    }

    @Test
    void keepsOnlyStacksThroughTheRootCutBelowItWithoutPlumbing() {
        FlameGraph graph = handMade();
        assertEquals(100, graph.totalNanos());
        assertEquals(1, graph.droppedStacks());
        assertEquals(List.of("Handler.handle;Handler.query;Socket.read 0", "Handler.handle;Handler.render;Json.write 0",
                "Handler.handle;Handler.render 0"), graph.folded());
    }

    @Test
    void sharesAndTheWidestFrameCountWaitsAndSamplesAlike() {
        FlameGraph graph = handMade();
        assertEquals(0.6, graph.shareUnder("Handler.query"), 1e-9);
        assertEquals(0.4, graph.shareUnder("Handler.render"), 1e-9);
        assertEquals("Handler.query", graph.widestOf(List.of("Handler.render", "Handler.query")));
        FlameGraph.Node root = graph.tree();
        assertEquals(100, root.nanos());
        assertEquals("Handler.query", root.children().get(0).frame());
        assertEquals(60, root.children().get(0).waitNanos());
        assertEquals(40, root.children().get(1).cpuNanos());
        assertEquals("Socket.read", graph.topFrames(1).stringColumn("top_frame").get(0));
    }

    @Test
    void scalingCpuTimeToTheKnownWallTimeLeavesWaitsAlone() {
        FlameGraph scaled = handMade().withCpuTimeScaledTo(140);
        assertEquals(140, scaled.totalNanos());
        assertEquals(60.0 / 140, scaled.shareUnder("Handler.query"), 1e-9);
        assertEquals(80.0 / 140, scaled.shareUnder("Handler.render"), 1e-9);
        assertEquals(100, handMade().withCpuTimeScaledTo(50).totalNanos(), "waits alone exceed 50: unchanged");
    }

    @Test
    void aRecordingFindsTheMethodThatComputes() throws InterruptedException {
        // On a fresh thread: Flight Recorder keeps a stack's top 64 frames, and JUnit's own would cut off the root.
        FlameGraph graph = FlameGraph.record("FlameGraphTest.busyRoot", () -> {
            Thread worker = new Thread(() -> busyRoot(800));
            worker.start();
            worker.join();
        });
        assertTrue(graph.totalNanos() > 0, graph.toString());
        assertTrue(graph.shareUnder("FlameGraphTest.spin") > 0.5, graph.topFrames(5).toString());
    }

    /** Where the work's result goes, so the compiler cannot drop the work. */
    static volatile long sink;

    static void busyRoot(long millis) {
        sink = spin(millis);
    }

    /**
     * Computes in Java between clock reads: a loop around System.nanoTime alone spends its time in the
     * kernel's clock code, where Flight Recorder's sampler cannot walk the stack and drops the sample
     * (in a warm test JVM it then saw none of the worker's).
     */
    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x += Long.numberOfTrailingZeros(x + i);
            }
        }
        return x;
    }
}
