package org.perflab.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.perflab.load.LoadInterruptedException;

/** The sweep against {@link DemoService}: it finds the configured capacity and stops on each of its own limits. */
class CapacitySweepTest {

    private static HttpEndpoint get(DemoService service) {
        return HttpEndpoint.builder("GET", service.uri().toString()).requestTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * 40 workers x (100 + 0.5) ms: 398 requests/s. Steps of 50/s with a 500 ms ceiling go two to four steps past it,
     * and a saturated step completes what the workers can. 15% is the bound; repeated sweeps under a load
     * average of 6 to 12 on 2 cores found 393 to 399 (the workers wake a few ms late, 1 to 3%).
     */
    @Test
    void findsTheKneeWithin15PercentOfTheConfiguredCapacity() throws Exception {
        try (DemoService service = DemoService.builder().start(); HttpEndpoint target = get(service)) {
            CapacityResult result = CapacitySweep.builder(target, 800).startRate(50).rateStep(50)
                    .p99Ceiling(Duration.ofMillis(500)).build().run();
            assertTrue(result.reachedKnee(), result::toString);
            assertEquals(service.configuredCapacityPerSec(), result.kneePerSec(), 0.15 * service.configuredCapacityPerSec(),
                    result::toString);
            assertEquals(CapacityResult.StopReason.P99_CEILING, result.stopReason(), result::toString);
            assertTrue(result.steps().get(result.steps().size() - 1).p99Millis() > 500, result::toString);
            assertTrue(result.uslFit().isPresent(), "a sweep past the knee has enough steps for the USL");
        }
    }

    @Test
    void neverOffersMoreThanTheMaximumRate() throws Exception {
        try (DemoService service = DemoService.builder().start(); HttpEndpoint target = get(service)) {
            CapacityResult result = CapacitySweep.builder(target, 100).startRate(40).rateStep(30)
                    .stepDuration(Duration.ofMillis(300)).warmup(Duration.ZERO).build().run();
            assertEquals(CapacityResult.StopReason.MAX_RATE, result.stopReason(), result::toString);
            assertEquals(3, result.steps().size(), "40, 70 and 100 requests/s; 130 is above the maximum");
            assertFalse(result.reachedKnee(), "100 requests/s is far below the capacity of 398");
            assertTrue(Double.isNaN(result.kneePerSec()));
            assertTrue(result.summary().contains("No knee up to 100 requests/s"), result::summary);
        }
    }

    @Test
    void endsWithinTheMaximumDuration() throws Exception {
        try (DemoService service = DemoService.builder().workers(4).holdTime(Duration.ofMillis(20)).start();
             HttpEndpoint target = get(service)) {
            long start = System.nanoTime();
            // A ceiling far above 20 ms: only the duration can stop these low rates.
            CapacityResult result = CapacitySweep.builder(target, 300).startRate(20).rateStep(20).p99Ceiling(Duration.ofSeconds(2))
                    .stepDuration(Duration.ofMillis(400)).warmup(Duration.ofMillis(200)).maxDuration(Duration.ofMillis(1_500))
                    .build().run();
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            assertEquals(CapacityResult.StopReason.MAX_DURATION, result.stopReason(), result::toString);
            assertTrue(result.steps().size() >= 2, "a 0.2 s warm-up and at least two 0.4 s steps fit in 1.5 s: " + result);
            assertTrue(elapsedMs < 1_500 + 300, "took " + elapsedMs + " ms");
        }
    }

    /** 4 workers x 20.5 ms: 195 requests/s; offered 250/s for a second, the queue grows past a 100 ms p99. */
    @Test
    void stopsAtTheP99Ceiling() throws Exception {
        try (DemoService service = DemoService.builder().workers(4).holdTime(Duration.ofMillis(20)).start();
             HttpEndpoint target = get(service)) {
            CapacityResult result = CapacitySweep.builder(target, 1_000).startRate(50).rateStep(100)
                    .p99Ceiling(Duration.ofMillis(100)).build().run();
            assertEquals(CapacityResult.StopReason.P99_CEILING, result.stopReason(), result::toString);
            assertTrue(result.steps().size() <= 3, "stops by the first step past 195 requests/s: " + result);
            assertTrue(result.stopDetail().contains("past the ceiling of 100 ms"), result::stopDetail);
        }
    }

    @Test
    void aRefusedConnectionEndsTheSweepAtItsFirstStepSayingSo() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        try (HttpEndpoint nothing = HttpEndpoint.builder("GET", "http://127.0.0.1:" + freePort + "/").build()) {
            CapacityResult result = CapacitySweep.builder(nothing, 200).build().run();
            assertEquals(CapacityResult.StopReason.ERROR_RATE, result.stopReason(), result::toString);
            assertEquals(1, result.steps().size());
            assertTrue(result.stopDetail().contains("100.0% of the requests at 10 requests/s failed"), result::stopDetail);
            assertTrue(result.stopDetail().contains("connection refused: nothing is listening at 127.0.0.1:" + freePort),
                    result::stopDetail);
            assertTrue(result.summary().contains("No knee"), result::summary);
        }
    }

    @Test
    void aStormOf500sEndsTheSweepAtItsFirstStepSayingSo() throws Exception {
        try (DemoService service = DemoService.builder().start().answerWithServerErrors(true); HttpEndpoint target = get(service)) {
            CapacityResult result = CapacitySweep.builder(target, 400).build().run();
            assertEquals(CapacityResult.StopReason.ERROR_RATE, result.stopReason(), result::toString);
            assertEquals(1, result.steps().size());
            assertTrue(result.stopDetail().contains("HTTP 500 from GET " + service.uri()), result::stopDetail);
            assertEquals(0, service.requestsServed());
        }
    }

    @Test
    void thePlanSaysWhatWillBeSentBeforeSending() throws IOException, LoadInterruptedException {
        try (DemoService service = DemoService.builder().start();
             HttpEndpoint target = HttpEndpoint.builder("POST", service.uri() + "orders").header("Content-Type", "application/json")
                     .body("{\"item\": 42}").build()) {
            String plan = CapacitySweep.builder(target, 500).startRate(50).rateStep(50).build().plan();
            assertTrue(plan.contains("POST " + service.uri() + "orders with headers [Content-Type: application/json] with a"
                    + " 12-byte body"), plan);
            assertTrue(plan.contains("at 50, 100, 150 ... up to at most 500 requests/s (10 steps"), plan);
            assertEquals(0, service.requestsServed(), "planning sends nothing");
        }
    }
}
