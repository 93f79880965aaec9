package org.perflab.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssistThreadTest {

    @Test
    void aQuickQuestionIsAnswered() throws Exception {
        assertEquals("answer", new AssistThread(Duration.ofSeconds(5)).ask("completion", () -> "answer", "none"));
    }

    @Test
    void aSlowQuestionGetsTheFallbackAndWhatComesNextWaitsUntilItHasReallyEnded() throws Exception {
        AssistThread assist = new AssistThread(Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        // Like JShell's analysis: it ignores the cancellation's interrupt and runs on.
        String answer = assist.ask("completion", () -> {
            while (true) {
                try {
                    if (release.await(10, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ignored) {
                    // cancelled: carries on regardless
                }
            }
            finished.set(true);
            return "late";
        }, "none");
        assertEquals("none", answer);
        assertFalse(assist.awaitIdle(Duration.ofMillis(200)), "still running: not idle");
        release.countDown();
        assertTrue(assist.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(finished.get(), "a cell would now start only after the abandoned analysis has left JShell");
    }
}
