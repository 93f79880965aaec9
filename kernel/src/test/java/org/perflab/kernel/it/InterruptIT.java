package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.Execution;
import org.perflab.kernel.client.ExecutionResult;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupt ends a busy loop, a sleep and a thread blocked in a socket call within about a
 * second; afterwards no thread of the cell keeps burning CPU, and earlier state is kept where the
 * JVM could be kept (the message says when it could not).
 */
class InterruptIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The requirement is 1 s; the margin covers a loaded 2-core CI machine. */
    static final long STOP_LIMIT_MS = 2_000;
    @RegisterExtension
    static final SharedKernel shared = new SharedKernel();

    private static ExecutionResult interruptAfterStart(String code) throws InterruptedException {
        Execution running = shared.client().submit(code, ExecuteOptions.defaults());
        Thread.sleep(800);
        long sent = System.nanoTime();
        shared.client().interrupt(TIMEOUT);
        ExecutionResult result = running.await(TIMEOUT);
        long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
        System.out.println(code + " stopped " + elapsedMs + " ms after the interrupt: "
                + result.error().map(e -> e.get("evalue").getAsString()).orElse(""));
        assertTrue(elapsedMs < STOP_LIMIT_MS, code + " took " + elapsedMs + " ms to stop");
        assertEquals("error", result.status());
        return result;
    }

    @Test
    void busyLoopAndSleepStopAndStateIsKept() throws Exception {
        shared.client().execute("int keptAcrossInterrupts = 42;", TIMEOUT);
        interruptAfterStart("long n = 0; while (true) { n++; }");
        interruptAfterStart("Thread.sleep(60_000);");
        assertEquals("42", shared.client().execute("keptAcrossInterrupts", TIMEOUT).resultText().orElseThrow());
        assertNoBusyThreads();
    }

    @Test
    void threadsTheCellStartedAreInterruptedToo() throws Exception {
        interruptAfterStart("ExecutorService pool = Executors.newFixedThreadPool(2);\n"
                + "for (int i = 0; i < 2; i++) pool.submit(() -> { while (!Thread.currentThread().isInterrupted()) { } });\n"
                + "pool.shutdown(); pool.awaitTermination(1, TimeUnit.HOURS);");
        assertNoBusyThreads();
    }

    @Test
    void aBlockedSocketCallCostsTheJvmAndSaysSo() throws Exception {
        ExecutionResult result = interruptAfterStart("new java.net.ServerSocket(0).accept();");
        String message = result.error().orElseThrow().get("evalue").getAsString();
        assertTrue(message.contains("could not be stopped in place") && message.contains("lost"), message);
        assertEquals("2", shared.client().execute("1 + 1", TIMEOUT).resultText().orElseThrow());
    }

    /** Samples the child's CPU time over half a second: an idle JVM uses almost none. */
    private static void assertNoBusyThreads() {
        String code = "com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)"
                + " java.lang.management.ManagementFactory.getOperatingSystemMXBean();\n"
                + "long cpu0 = os.getProcessCpuTime(); Thread.sleep(500); (os.getProcessCpuTime() - cpu0) / 1_000_000";
        long cpuMs = Long.parseLong(shared.client().execute(code, TIMEOUT).resultText().orElseThrow());
        assertTrue(cpuMs < 250, "the child burned " + cpuMs + " ms of CPU in 500 ms after the interrupt");
    }
}
