package org.perflab.env;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CancelOnInterruptTest {

    @Test
    void runsWhatIsRegisteredAndForgetsWhatFinished() {
        AtomicInteger cancelled = new AtomicInteger();
        int before = CancelOnInterrupt.pending();
        CancelOnInterrupt.Registration running = CancelOnInterrupt.register(cancelled::incrementAndGet);
        CancelOnInterrupt.Registration finished = CancelOnInterrupt.register(cancelled::incrementAndGet);
        CancelOnInterrupt.Registration failing = CancelOnInterrupt.register(() -> {
            throw new IllegalStateException("already closed");
        });
        finished.close();
        CancelOnInterrupt.cancelAll();
        assertEquals(1, cancelled.get(), "only the registration still open was cancelled; the failing one did not stop it");
        running.close();
        failing.close();
        assertEquals(before, CancelOnInterrupt.pending());
    }
}
