package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every generator, interrupted mid-run, stops, throws with its partial result, and leaves no threads
 * behind. The runs are planned for a minute and block in targets or think times of 30 to 60 s, so only
 * the interrupt can end them within the limit. The limit catches a generator that ignores the
 * interrupt; it is not a target for how fast it stops, which on a busy machine varies.
 */
class InterruptionTest {

    private static final Duration PLANNED = Duration.ofMinutes(1);
    /** Well under every blocking wait below (60 s in the target, 30 s of thinking, 60 s planned). */
    private static final long STOP_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** Blocks far longer than the stop limit, interruptibly. */
    private static final Target SLOW = () -> Thread.sleep(60_000);

    @FunctionalInterface
    private interface Run {
        LoadResult run() throws Exception;
    }

    private static void assertStopsOnInterrupt(Run run) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                run.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "interruption-test-runner");
        runner.start();
        Thread.sleep(300);

        long interruptedAt = System.nanoTime();
        runner.interrupt();
        runner.join(TimeUnit.NANOSECONDS.toMillis(STOP_LIMIT_NANOS));
        long stopNanos = System.nanoTime() - interruptedAt;

        assertFalse(runner.isAlive(), "generator still running " + stopNanos / 1_000_000 + " ms after the interrupt");
        assertTrue(thrown.get() instanceof LoadInterruptedException, String.valueOf(thrown.get()));
        LoadResult partial = ((LoadInterruptedException) thrown.get()).partialResult();
        assertNotNull(partial);
        assertTrue(partial.interrupted());
        assertTrue(thrown.get().getMessage().contains("interrupted after"), thrown.get().getMessage());
        assertNoGeneratorThreadsLeft();
    }

    private static boolean isGeneratorThread(Thread thread) {
        String name = thread.getName();
        return thread.isAlive() && (name.startsWith("perflab-open-loop") || name.startsWith("perflab-closed-loop")
                || name.startsWith("perflab-progress"));
    }

    private static void assertNoGeneratorThreadsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(InterruptionTest::isGeneratorThread)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("generator threads still alive: " + Thread.getAllStackTraces().keySet().stream()
                .filter(InterruptionTest::isGeneratorThread).map(Thread::getName).toList());
    }

    @Test
    void openLoopWithWorkersBlockedInTheTarget() throws Exception {
        assertStopsOnInterrupt(() -> OpenLoopGenerator.builder()
                .target(SLOW).schedule(ArrivalSchedule.constantRate(100)).workerThreads(4)
                .duration(PLANNED).showProgress(false).build().run());
    }

    @Test
    void openLoopSchedulerParkedBetweenRareRequests() throws Exception {
        assertStopsOnInterrupt(() -> OpenLoopGenerator.builder()
                .target(Target.noOp()).schedule(ArrivalSchedule.constantRate(0.5)).workerThreads(0)
                .duration(PLANNED).build().run());
    }

    @Test
    void openLoopInlineBlockedInTheTarget() throws Exception {
        assertStopsOnInterrupt(() -> OpenLoopGenerator.builder()
                .target(SLOW).schedule(ArrivalSchedule.poisson(100, 7)).workerThreads(0)
                .duration(PLANNED).build().run());
    }

    @Test
    void closedLoopUsersBlockedInTheTarget() throws Exception {
        assertStopsOnInterrupt(() -> ClosedLoopGenerator.builder()
                .target(SLOW).users(4).duration(PLANNED).build().run());
    }

    @Test
    void openLoopWithProgressShownStopsItsDisplayToo() throws Exception {
        assertStopsOnInterrupt(() -> OpenLoopGenerator.builder()
                .target(SLOW).schedule(ArrivalSchedule.constantRate(50)).workerThreads(2)
                .duration(PLANNED).showProgress(true).build().run());
    }

    @Test
    void closedLoopUsersThinking() throws Exception {
        assertStopsOnInterrupt(() -> ClosedLoopGenerator.builder()
                .target(Target.noOp()).users(2).thinkTime(Duration.ofSeconds(30)).duration(PLANNED).build().run());
    }
}
