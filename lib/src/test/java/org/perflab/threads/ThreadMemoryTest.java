package org.perflab.threads;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadMemoryTest {

    @Test
    void parkedPlatformThreadsCostStackPagesOutsideTheHeapAndAllEnd() throws Exception {
        int before = Thread.activeCount();
        ThreadMemory.Footprint footprint = ThreadMemory.measure("platform", Thread::new, 400);
        // Each holds at least a few stack pages plus the system's thread structures; noise is far smaller.
        assertTrue(footprint.nativeBytesPerThread() > 4 * 1024, footprint.toString());
        assertEquals(400, footprint.threads());
        Thread.sleep(100);
        assertTrue(Thread.activeCount() <= before + 2, "the parked threads were released and ended");
    }

    @Test
    void atLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> ThreadMemory.measure("x", Thread::new, 0));
    }
}
