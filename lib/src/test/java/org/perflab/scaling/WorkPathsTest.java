package org.perflab.scaling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /work} paths, pure text: no fleet needed. */
class WorkPathsTest {

    @Test
    void workPathsSayWhatEachRequestAsksFor() {
        assertEquals("/work?cpu_us=300&db_ms=6",
                WorkPaths.fixed(Duration.ofNanos(300_000), Duration.ofMillis(6), WorkPaths.WaitIn.DATABASE));
        assertEquals("/work?cpu_us=0&sleep_ms=2",
                WorkPaths.constant(Duration.ZERO, Duration.ofMillis(2), WorkPaths.WaitIn.HANDLER).get());
        Supplier<String> mixed = WorkPaths.bimodalWait(Duration.ofMillis(2), Duration.ofMillis(20), 0.1,
                WorkPaths.WaitIn.HANDLER, 1);
        long slow = java.util.stream.IntStream.range(0, 10_000).filter(i -> mixed.get().endsWith("=20")).count();
        assertTrue(slow > 850 && slow < 1150, "about one request in ten is slow: " + slow);
    }

    @Test
    void badInputNamesTheArgumentAndTheFix() {
        IllegalArgumentException fractional = assertThrows(IllegalArgumentException.class,
                () -> WorkPaths.fixed(Duration.ZERO, Duration.ofNanos(1_500_000), WorkPaths.WaitIn.HANDLER));
        assertEquals("wait must be whole milliseconds (the instance waits in whole ms), was PT0.0015S:"
                + " write Duration.ofMillis(2)", fractional.getMessage());
        IllegalArgumentException negativeSlow = assertThrows(IllegalArgumentException.class,
                () -> WorkPaths.bimodalWait(Duration.ZERO, Duration.ofMillis(-1), 0.1, WorkPaths.WaitIn.HANDLER, 1));
        assertTrue(negativeSlow.getMessage().startsWith("slow must be >= 0, was PT-0.001S: "), negativeSlow.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> WorkPaths.bimodalWait(Duration.ZERO, Duration.ZERO, 1.5, WorkPaths.WaitIn.HANDLER, 1));
        assertTrue(fraction.getMessage().startsWith("slowFraction must be between 0.0 and 1.0, was 1.5: "),
                fraction.getMessage());
        IllegalArgumentException negativeCpu = assertThrows(IllegalArgumentException.class,
                () -> WorkPaths.fixed(Duration.ofMillis(-1), Duration.ZERO, WorkPaths.WaitIn.HANDLER));
        assertTrue(negativeCpu.getMessage().contains("use Duration.ZERO"), negativeCpu.getMessage());
    }
}
