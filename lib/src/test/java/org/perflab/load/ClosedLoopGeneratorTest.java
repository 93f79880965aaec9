package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopGeneratorTest {

    @Test
    void usersNeverHaveMoreThanOneRequestEachInFlight() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Target oneMilli = () -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Thread.sleep(1);
            concurrent.decrementAndGet();
        };
        LoadResult result = ClosedLoopGenerator.builder().target(oneMilli).users(3).maxRequests(300).build().run();

        assertEquals(300, result.completed(), result.toString());
        assertTrue(result.maxInFlight() <= 3, result.toString());
        assertTrue(maxConcurrent.get() <= 3);
        assertTrue(Double.isNaN(result.requestedRatePerSec()));
        assertTrue(result.toString().contains("the responses set the rate"), result.toString());
        assertTrue(result.toString().contains("not corrected for coordinated omission"), result.toString());
    }

    @Test
    void thinkTimeSlowsTheUsersDown() throws Exception {
        LoadResult result = ClosedLoopGenerator.builder().target(Target.noOp()).users(2)
                .thinkTime(Duration.ofMillis(20)).duration(Duration.ofMillis(500)).build().run();

        // Two users, one request per 20 ms each: about 50, at most ~52 in 0.5 s. Each user sends its first
        // at once; how many follow depends on the machine, the ceiling does not.
        assertTrue(result.completed() >= 2 && result.completed() <= 60, result.toString());
        // Catches a run that outlives its duration waiting for think times, not a slow machine.
        assertTrue(result.elapsedSec() < 5, result.toString());
    }

    @Test
    void invalidSetupsAreRejectedByName() {
        IllegalArgumentException users = assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopGenerator.builder().users(0));
        assertEquals("users must be between 1 and 10000, was 0: give 1 to 10000; more threads measure the machine's"
                + " scheduler, not the target", users.getMessage());
        assertThrows(IllegalStateException.class,
                () -> ClosedLoopGenerator.builder().target(Target.noOp()).build());
        assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopGenerator.builder().thinkTime(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopGenerator.builder().correctForCoordinatedOmission(Duration.ZERO));
    }
}
