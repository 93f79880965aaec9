package org.perflab.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void concurrentWritersLoseNothingWhileAReaderSummarizes() throws Exception {
        LatencyRecorder recorder = LatencyRecorder.create();
        int threads = 4;
        int perThread = 100_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long value = TimeUnit.MICROSECONDS.toNanos(100 * (t + 1));
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    recorder.recordNanos(value);
                }
            });
            writers.add(writer);
            writer.start();
        }
        long seenWhileWriting = 0;
        for (Thread writer : writers) {
            seenWhileWriting = Math.max(seenWhileWriting, recorder.summary().count());
            writer.join();
        }

        LatencySummary summary = recorder.summary();
        assertEquals((long) threads * perThread, summary.count());
        assertTrue(seenWhileWriting <= summary.count());
        assertEquals(250e3, summary.meanNanos(), 250e3 * 0.001);
    }

    @Test
    void summariesAreCumulativeUntilReset() {
        LatencyRecorder recorder = LatencyRecorder.create();
        recorder.record(Duration.ofMillis(1));
        assertEquals(1, recorder.summary().count());
        recorder.record(Duration.ofMillis(2));
        assertEquals(2, recorder.summary().count());

        recorder.reset();

        assertEquals(0, recorder.summary().count());
        recorder.recordNanos(5);
        assertEquals(1, recorder.histogram().getTotalCount());
    }

    @Test
    void correctionBackFillsTheRequestsAStallSwallowed() {
        // A sender meant to send every 10 ms waits 1 s for one response: 99 requests were never sent.
        LatencyRecorder corrected = LatencyRecorder.builder()
                .correctForCoordinatedOmission(Duration.ofMillis(10))
                .build();
        LatencyRecorder raw = LatencyRecorder.create();
        for (LatencyRecorder recorder : List.of(corrected, raw)) {
            for (int i = 0; i < 99; i++) {
                recorder.record(Duration.ofMillis(1));
            }
            recorder.record(Duration.ofSeconds(1));
        }

        assertEquals(100, raw.summary().count());
        // 1000 ms, 990 ms, ..., 10 ms: the stall plus 99 back-filled values.
        assertEquals(199, corrected.summary().count());
        assertEquals(1.0, raw.summary().p99Millis(), 0.01);
        assertTrue(corrected.summary().p99Millis() > 900, corrected.summary().toString());
    }

    @Test
    void explicitExpectedIntervalMatchesHdrHistogram() {
        LatencyRecorder recorder = LatencyRecorder.create();
        recorder.recordNanosWithExpectedInterval(100, 10);
        assertEquals(10, recorder.summary().count());
    }

    @Test
    void impossibleValuesAreRejectedWithTheirName() {
        LatencyRecorder recorder = LatencyRecorder.create();
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> recorder.recordNanos(-1));
        assertTrue(negative.getMessage().contains("latencyNanos must be >= 0, was -1: take both timestamps from System.nanoTime() on one clock"));
        IllegalArgumentException digits = assertThrows(IllegalArgumentException.class,
                () -> LatencyRecorder.builder().significantDigits(6));
        assertTrue(digits.getMessage().contains("significantDigits"));
        assertThrows(IllegalArgumentException.class,
                () -> LatencyRecorder.builder().correctForCoordinatedOmission(Duration.ZERO));
    }
}
