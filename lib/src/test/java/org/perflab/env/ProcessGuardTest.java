package org.perflab.env;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stop action of a guarded process runs once, whether close, an interrupt or both ask for it. */
class ProcessGuardTest {

    @Test
    void closeRunsTheStopOnceAndEndsTheInterruptRegistration() {
        AtomicInteger stops = new AtomicInteger();
        int before = CancelOnInterrupt.pending();
        ProcessGuard guard = ProcessGuard.guard("perflab-test-guard", stops::incrementAndGet);
        assertEquals(before + 1, CancelOnInterrupt.pending());
        assertFalse(guard.isClosed());
        guard.close();
        guard.close();
        assertEquals(1, stops.get());
        assertTrue(guard.isClosed());
        assertEquals(before, CancelOnInterrupt.pending());
    }

    @Test
    void anInterruptRunsTheStopAndALaterCloseDoesNothing() {
        AtomicInteger stops = new AtomicInteger();
        ProcessGuard guard = ProcessGuard.guard("perflab-test-guard", stops::incrementAndGet);
        CancelOnInterrupt.cancelAll();
        assertEquals(1, stops.get());
        guard.close();
        assertEquals(1, stops.get());
    }

    @Test
    void anUnguardedStopRunsOnlyAtClose() {
        AtomicInteger stops = new AtomicInteger();
        int before = CancelOnInterrupt.pending();
        ProcessGuard guard = ProcessGuard.unguarded(stops::incrementAndGet);
        assertEquals(before, CancelOnInterrupt.pending());
        CancelOnInterrupt.cancelAll();
        assertEquals(0, stops.get());
        guard.close();
        assertEquals(1, stops.get());
    }
}
