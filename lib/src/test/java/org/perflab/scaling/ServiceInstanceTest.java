package org.perflab.scaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.scaling.FleetTesting.get;
import static org.perflab.scaling.FleetTesting.instanceOf;

/** The endpoints of one instance, run inside the test JVM on a port the system picks. */
class ServiceInstanceTest {

    private ServiceInstance instance;
    private Upstream upstream;

    @BeforeEach
    void start() throws Exception {
        InstanceOptions options = InstanceCommandLine.parse(new String[] {"--name", "solo", "--port", "0", "--workers", "2",
                "--admin-port", "0"});
        instance = ServiceInstance.start(options, Map.of());
        upstream = new Upstream("solo", "127.0.0.1", instance.port(), 1);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    void workAnswersWithItsNameAndCountsOnlyServedRequests() throws Exception {
        HttpResponse<String> work = get(upstream, "/work?cpu_us=2000");
        assertEquals(200, work.statusCode(), work.body());
        assertEquals("solo", instanceOf(work));
        assertTrue(work.body().startsWith("instance=solo cpu_us=2000 db_ms=0 sleep_ms=0 result="), work.body());
        assertEquals(200, get(upstream, "/health").statusCode());
        assertEquals("solo", get(upstream, "/health").body().strip());

        HttpResponse<String> statsResponse = get(upstream, "/stats");
        assertEquals("application/json; charset=utf-8", statsResponse.headers().firstValue("Content-Type").orElse(""));
        InstanceStats stats = instance.stats();
        assertEquals(1, stats.requests(), "health and stats requests are not counted: " + stats);
        assertEquals(0, stats.errors());
        assertEquals(2, stats.workers());
        assertEquals(ProcessHandle.current().pid(), stats.pid());
        // Busy time is wall time in the handler, never less than the CPU time it burned.
        assertTrue(stats.busyNanos() >= TimeUnit.MICROSECONDS.toNanos(2000), stats.toString());
    }

    @Test
    void theAdminPortServesOnlyHealthAndStats() throws Exception {
        Upstream admin = new Upstream("solo", "127.0.0.1", instance.adminPort(), 1);
        assertNotEquals(instance.port(), instance.adminPort());
        assertEquals(200, get(admin, "/health").statusCode());
        assertEquals(200, get(admin, "/stats").statusCode());
        assertEquals(404, get(admin, "/work?cpu_us=1").statusCode());
        assertEquals(404, get(admin, "/session/login?user=a").statusCode());
        assertEquals(0, instance.stats().requests());
    }

    @Test
    void statsJsonReadsBackAsTheSameCounters() {
        InstanceStats read = InstanceProbe.stats(upstream);
        assertEquals("solo", read.name());
        assertEquals(instance.stats().requests(), read.requests());
        assertEquals(instance.stats().pid(), read.pid());
        assertEquals(CpuBurner.clock(), read.cpuClock());
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        HttpResponse<String> typo = get(upstream, "/work?cpu_ms=5");
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body().contains("unknown parameter cpu_ms"), typo.body());
        HttpResponse<String> negative = get(upstream, "/work?cpu_us=-1");
        assertEquals(400, negative.statusCode());
        assertTrue(negative.body().contains("cpu_us must be a whole number between 0 and"), negative.body());
        HttpResponse<String> noDatabase = get(upstream, "/work?db_ms=5");
        assertEquals(400, noDatabase.statusCode());
        assertTrue(noDatabase.body().contains("has no database"), noDatabase.body());
        assertEquals(404, get(upstream, "/nothing").statusCode());
        // Client errors are requests served, not errors of the instance.
        assertEquals(3, instance.stats().requests());
        assertEquals(0, instance.stats().errors());
    }

    @Test
    void sessionsInMemoryCountPerSessionAndForgetOnLogout() throws Exception {
        HttpResponse<String> login = get(upstream, "/session/login?user=ada");
        assertEquals(200, login.statusCode(), login.body());
        String id = login.headers().firstValue(ServiceInstance.SESSION_HEADER).orElseThrow();
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().startsWith(ServiceInstance.SESSION_COOKIE
                + "=" + id + ";"));
        String other = get(upstream, "/session/login?user=bo").headers()
                .firstValue(ServiceInstance.SESSION_HEADER).orElseThrow();
        assertNotEquals(id, other);

        assertTrue(get(upstream, "/session/hit", ServiceInstance.SESSION_HEADER, id).body().contains("user=ada count=1"));
        HttpResponse<String> viaCookie = get(upstream, "/session/hit", "Cookie",
                "theme=dark; " + ServiceInstance.SESSION_COOKIE + "=" + id);
        assertTrue(viaCookie.body().contains("user=ada count=2"), viaCookie.body());
        assertTrue(get(upstream, "/session", ServiceInstance.SESSION_HEADER, other).body().contains("user=bo count=0"));

        assertEquals(200, get(upstream, "/session/logout", ServiceInstance.SESSION_HEADER, id).statusCode());
        HttpResponse<String> afterLogout = get(upstream, "/session/hit", ServiceInstance.SESSION_HEADER, id);
        assertEquals(401, afterLogout.statusCode());
        assertTrue(afterLogout.body().contains("unknown session " + id + " on solo"), afterLogout.body());
        assertEquals(401, get(upstream, "/session/hit").statusCode());
        assertEquals(400, get(upstream, "/session/hit", ServiceInstance.SESSION_HEADER, "../../etc").statusCode());
        assertEquals(400, get(upstream, "/session/login?user=").statusCode());
    }

    @Test
    void busyTimeCountsRunningRequestsUpToTheReading() {
        BusyTime busy = new BusyTime();
        long first = busy.started(100);
        assertEquals(50, busy.busyNanos(150));
        long second = busy.started(120);
        assertEquals(2, busy.running());
        assertEquals(50 + 30, busy.busyNanos(150));
        busy.finished(first, 200);
        assertEquals(100 + 80, busy.busyNanos(200));
        busy.finished(second, 220);
        assertEquals(0, busy.running());
        assertEquals(200, busy.busyNanos(1_000), "finished requests stop counting");
    }

    @Test
    void utilizationComparesTwoReadingsOfTheSameProcess() {
        InstanceStats before = new InstanceStats("a", 7, 2, 1_000, 0, 0, 0, 0, 100, "thread-cpu");
        InstanceStats after = new InstanceStats("a", 7, 2, 2_000, 4, 0, 1, 0, 1_100, "thread-cpu");
        assertEquals(0.5, after.utilizationSince(before), 1e-12);
        assertEquals(4e6, after.throughputSince(before), 1e-6);
        InstanceStats restarted = new InstanceStats("a", 8, 2, 3_000, 0, 0, 0, 0, 0, "thread-cpu");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> restarted.utilizationSince(after)).getMessage()
                .contains("before and after a restart"));
        assertThrows(IllegalArgumentException.class, () -> before.utilizationSince(after));
    }

    @Test
    void cpuWorkUsesAtLeastTheAskedThreadCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        CpuBurner.burn(30_000, 42);
        long used = "thread-cpu".equals(CpuBurner.clock()) ? threads.getCurrentThreadCpuTime() - before
                : System.nanoTime() - wallBefore;
        assertTrue(used >= TimeUnit.MICROSECONDS.toNanos(30_000), "used only " + used + " ns");
    }

    @Test
    void optionsRoundTripThroughTheCommandLine() {
        InstanceOptions options = InstanceOptions.builder("b-2", 8080, 3).adminPort(8081).parentPid(77).database(true)
                .jdbcUser("alice").poolSize(2).poolTimeout(Duration.ofSeconds(1)).sessions(SessionMode.REDIS)
                .redisPrefix("perflab:scaling:abc123:").build();
        assertEquals(options, InstanceCommandLine.parse(InstanceCommandLine.toArguments(options).toArray(new String[0])));
        assertEquals(3, options.withPorts(9, 10).workers());
        assertEquals(9, options.withPorts(9, 10).port());
        assertEquals(10, options.withPorts(9, 10).adminPort());
        assertEquals(3, InstanceOptions.builder("c", 1, 3).build().effectivePoolSize());
        assertEquals(2, options.effectivePoolSize());
    }

    @Test
    void badOptionsFailNamingTheFix() {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> InstanceCommandLine.parse(new String[] {"--name", "a", "--port", "1"})).getMessage();
        assertTrue(missing.contains("--workers"), missing);
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> InstanceCommandLine.parse(new String[] {"--colour", "red"})).getMessage();
        assertTrue(unknown.contains("unknown option --colour"), unknown);
        String workers = assertThrows(IllegalArgumentException.class,
                () -> InstanceCommandLine.parse(new String[] {"--name", "a", "--port", "1", "--workers", "0"})).getMessage();
        assertTrue(workers.startsWith("workers must be between 1 and 1000, was 0: "), workers);
        String timeout = assertThrows(IllegalArgumentException.class, () -> InstanceCommandLine.parse(new String[] {
                "--name", "a", "--port", "1", "--workers", "1", "--pool-timeout-ms", "100"})).getMessage();
        assertTrue(timeout.startsWith("poolTimeout must be between PT0.25S and PT1H, was PT0.1S: "), timeout);
        InstanceOptions withDb = InstanceCommandLine.parse(new String[] {"--name", "a", "--port", "1", "--workers", "1",
                "--db"});
        String noUrl = assertThrows(IllegalArgumentException.class, () -> withDb.jdbcSettings(Map.of())).getMessage();
        assertTrue(noUrl.contains("PERFLAB_JDBC_URL"), noUrl);
        assertEquals("jdbc:postgresql://h/db", withDb.jdbcSettings(Map.of("PERFLAB_JDBC_URL", "jdbc:postgresql://h/db"))
                .url());
        String prefix = assertThrows(IllegalArgumentException.class, () -> InstanceCommandLine.parse(new String[] {
                "--name", "a", "--port", "1", "--workers", "1", "--redis-prefix", "other:*"})).getMessage();
        assertTrue(prefix.contains("perflab:scaling:"), prefix);
        assertEquals(List.of(), FleetTesting.liveInstances());
    }
}
