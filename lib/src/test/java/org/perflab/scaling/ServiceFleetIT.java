package org.perflab.scaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perflab.env.CancelOnInterrupt;
import org.perflab.testing.Services;
import org.perflab.testing.Slow;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.scaling.FleetTesting.get;
import static org.perflab.scaling.FleetTesting.instanceOf;
import static org.perflab.scaling.FleetTesting.isAlive;

/** Instances as real JVMs: started, served by, killed, restarted and stopped, leaving no process behind. */
@Services
@Slow
class ServiceFleetIT {

    @AfterEach
    void noInstanceLeft() {
        assertEquals(List.of(), FleetTesting.liveInstances(), "instances outlived their test");
    }

    @Test
    void twoInstancesServeAndCloseLeavesNoProcess() throws Exception {
        ServiceFleet fleet = ServiceFleet.builder().instances(2).workers(2).start();
        List<Long> pids;
        try {
            assertTrue(fleet.isLocal());
            List<Upstream> upstreams = fleet.upstreams();
            assertEquals(2, upstreams.size());
            assertNotEquals(upstreams.get(0).port(), upstreams.get(1).port());
            pids = fleet.pids();
            assertEquals(2, new HashSet<>(pids).size());
            Set<String> served = new HashSet<>();
            for (int request = 0; request < 6; request++) {
                Upstream upstream = upstreams.get(request % 2);
                HttpResponse<String> response = get(upstream, "/work?cpu_us=500");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(upstream.name(), instanceOf(response));
                served.add(instanceOf(response));
            }
            assertEquals(Set.of("instance-1", "instance-2"), served);
            for (int i = 0; i < 2; i++) {
                InstanceStats stats = fleet.stats(i);
                assertEquals(pids.get(i), stats.pid(), "stats come from the process the fleet started");
                assertEquals(3, stats.requests());
                assertEquals(2, stats.workers());
                assertTrue(fleet.isHealthy(i));
                assertTrue(fleet.isRunning(i));
            }
        } finally {
            fleet.close();
        }
        for (long pid : pids) {
            assertFalse(isAlive(pid), "pid " + pid + " still runs after close()");
        }
        fleet.close();
        assertThrows(IllegalStateException.class, fleet::pids);
    }

    @Test
    void aNotebookInterruptStopsTheFleet() throws Exception {
        int before = CancelOnInterrupt.pending();
        ServiceFleet fleet = ServiceFleet.builder().instances(1).workers(1).start();
        long pid = fleet.pid(0);
        assertEquals(before + 1, CancelOnInterrupt.pending());
        CancelOnInterrupt.cancelAll();
        assertFalse(isAlive(pid));
        assertEquals(before, CancelOnInterrupt.pending(), "close() removes the registration");
        fleet.close();
    }

    @Test
    void aKilledInstanceStopsAnsweringAndRestartsOnItsPort() throws Exception {
        try (ServiceFleet fleet = ServiceFleet.builder().instances(2).workers(1).start()) {
            Upstream second = fleet.upstream(1);
            long firstPid = fleet.pid(1);
            assertEquals(200, get(second, "/work").statusCode());

            fleet.stop(1);
            assertFalse(fleet.isRunning(1));
            assertFalse(isAlive(firstPid));
            assertFalse(fleet.isHealthy(1));
            IOException refused = assertThrows(IOException.class, () -> get(second, "/work"));
            assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException,
                    refused.toString());
            assertEquals("instance-1", instanceOf(get(fleet.upstream(0), "/work")), "the other instance still serves");

            fleet.restart(1);
            assertEquals(second, fleet.upstream(1), "same name and port after a restart");
            assertNotEquals(firstPid, fleet.pid(1));
            assertEquals(0, fleet.stats(1).requests(), "a restarted instance starts its counters afresh");
            assertEquals("instance-2", instanceOf(get(second, "/work")));
            assertTrue(fleet.logTail(1, 5).contains(ServiceInstance.READY_PREFIX + second.port()), fleet.logTail(1, 5));

            fleet.restart(0);
            assertEquals(200, get(fleet.upstream(0), "/work").statusCode());
        }
    }

    @Test
    void statsAnswerWhileEveryWorkerIsBusyAndShowTheQueue() throws Exception {
        try (ServiceFleet fleet = ServiceFleet.builder().instances(1).workers(1).start()) {
            Upstream upstream = fleet.upstream(0);
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                requests.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return get(upstream, "/work?cpu_us=1500000");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            InstanceStats saturated = fleet.stats(0);
            // A connection sits in the queue for a moment even with the worker idle, so wait for both.
            for (int attempt = 0; attempt < 200 && (saturated.queued() < 1 || saturated.executing() < 1); attempt++) {
                TimeUnit.MILLISECONDS.sleep(20);
                saturated = fleet.stats(0);
            }
            assertEquals(1, saturated.executing(), saturated.describe());
            assertEquals(1, saturated.queued(), "the second request waits for the only worker: " + saturated);
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                assertEquals(200, request.get(60, TimeUnit.SECONDS).statusCode());
            }
            // The instance counts a request after writing its response, so the client can see the answer first.
            InstanceStats after = fleet.stats(0);
            for (int attempt = 0; attempt < 100 && after.requests() < 2; attempt++) {
                TimeUnit.MILLISECONDS.sleep(20);
                after = fleet.stats(0);
            }
            assertEquals(0, after.queued());
            assertEquals(2, after.requests());
            double utilization = after.utilizationSince(saturated);
            assertTrue(utilization > 0 && utilization <= 1 + 1e-9, "utilization " + utilization);
        }
    }

    @Test
    void anExternalFleetReadsInstancesItDoesNotOwn() throws Exception {
        try (ServiceFleet local = ServiceFleet.builder().instances(1).workers(1).namePrefix("remote").start()) {
            ServiceFleet external = ServiceFleet.external(List.of(local.upstream(0).withWeight(3)));
            assertFalse(external.isLocal());
            assertEquals(3, external.upstream(0).weight());
            assertEquals("remote-1", external.stats(0).name());
            assertTrue(external.isHealthy(0));
            assertThrows(UnsupportedOperationException.class, () -> external.stop(0));
            assertThrows(UnsupportedOperationException.class, () -> external.restart(0));
            assertThrows(UnsupportedOperationException.class, external::pids);
            external.close();
            assertTrue(local.isRunning(0), "closing an external fleet leaves its instances alone");
        }
    }

    @Test
    void aStartThatFailsStopsEverythingAndShowsTheInstanceOutput() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ServiceFleet.builder()
                .instances(2).classPath("/nonexistent/perflab-lib.jar").startTimeout(Duration.ofSeconds(20)).start());
        assertTrue(failure.getMessage().contains("Could not find or load main class"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ServiceFleet.Builder.classPath"), failure.getMessage());
    }

}
