package org.perflab.threads;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadMemoryTest {

    @Test
    void parkedPlatformThreadsAreMeasuredAndAllEnd() throws Exception {
        int before = Thread.activeCount();
        ThreadMemory.Footprint footprint = ThreadMemory.measure("platform", Thread::new, 400);
        // Not the stack pages themselves: in a JVM that has run threads before (this test JVM), glibc hands out
        // cached stacks of ended threads whose pages are resident already, so the resident set need not grow.
        // The notebook measures them in a fresh kernel; here, the accounting and the clean-up.
        assertTrue(footprint.nativeBytesPerThread() >= 0 && footprint.heapBytesPerThread() >= 0, footprint.toString());
        assertTrue(footprint.heapBytesPerThread() < 16 * 1024, "a Thread object is a few hundred bytes: " + footprint);
        assertEquals(footprint.heapBytesPerThread() + footprint.nativeBytesPerThread(), footprint.totalBytesPerThread(), 1e-9);
        assertEquals(400, footprint.threads());
        Thread.sleep(100);
        assertTrue(Thread.activeCount() <= before + 2, "the parked threads were released and ended");
    }

    @Test
    void atLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> ThreadMemory.measure("x", Thread::new, 0));
    }
}
