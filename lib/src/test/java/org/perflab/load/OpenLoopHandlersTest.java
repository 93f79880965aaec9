package org.perflab.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handlers option: requests run on the caller's executor, one fresh per run, shut down at the end. */
class OpenLoopHandlersTest {

    @Test
    void requestsRunOnTheGivenExecutorWhichIsShutDownAfterTheRun() throws Exception {
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        AtomicReference<ExecutorService> made = new AtomicReference<>();
        LoadResult result = OpenLoopGenerator.builder()
                .target(() -> threadNames.add(Thread.currentThread().getName()))
                .schedule(ArrivalSchedule.constantRate(500))
                .duration(Duration.ofMillis(200))
                .handlers("a cached pool", () -> {
                    ExecutorService executor = Executors.newCachedThreadPool(r -> new Thread(r, "handler-" + r.hashCode()));
                    made.set(executor);
                    return executor;
                })
                .build().run();

        assertEquals(100, result.completed());
        assertTrue(threadNames.stream().allMatch(n -> n.startsWith("handler-")), threadNames.toString());
        assertTrue(made.get().isTerminated(), "the run's executor is shut down when it ends");
        assertTrue(result.setup().contains("a cached pool"), result.setup());
    }

    @Test
    void aPoolTooSmallForTheLoadMakesRequestsWaitAndTheWaitIsMeasured() throws Exception {
        // 2 threads, 20 ms each: 100 requests/s at most, offered 200/s for 0.5 s. By the end the
        // queue holds about 50 requests, so the last ones wait about 0.5 s.
        LoadResult result = OpenLoopGenerator.builder()
                .target(() -> Thread.sleep(20))
                .schedule(ArrivalSchedule.constantRate(200))
                .duration(Duration.ofMillis(500))
                .handlers("2 platform threads", () -> Executors.newFixedThreadPool(2))
                .build().run();

        assertEquals(100, result.completed());
        assertTrue(result.histogram().getMaxValue() > 300_000_000L,
                "the queue's wait is part of the latency: max " + result.histogram().getMaxValue() / 1e6 + " ms");
    }
}
