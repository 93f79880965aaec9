package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child JVM never outlives the kernel: not after a shutdown or restart request that arrives
 * while a cell is still running, and not when the kernel is killed with SIGKILL.
 */
class KernelLifecycleIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static List<ProcessHandle> childJvms(KernelProcess kernel) {
        return ProcessHandle.of(kernel.pid()).map(p -> p.descendants().collect(Collectors.toList())).orElse(List.of());
    }

    private static boolean gone(List<ProcessHandle> processes, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void shutdownWhileACellRunsStopsItAndTheChild() throws Exception {
        for (boolean restart : new boolean[] {false, true}) {
            try (KernelProcess kernel = KernelLauncher.builder(InstalledKernel.kernelCommand()).launch()) {
                kernel.client().execute("1 + 1", TIMEOUT);
                List<ProcessHandle> children = childJvms(kernel);
                assertFalse(children.isEmpty(), "the kernel runs cells in a child JVM");
                kernel.client().submit("while (true) { }", ExecuteOptions.defaults());
                Thread.sleep(500);
                assertEquals(restart, kernel.client().shutdown(restart, TIMEOUT).get("restart").getAsBoolean());
                Optional<ProcessHandle> process = ProcessHandle.of(kernel.pid());
                assertTrue(gone(process.map(List::of).orElse(List.of()), Duration.ofSeconds(10)), "the kernel exited");
                assertTrue(gone(children, Duration.ofSeconds(5)), "the child JVM exited with it");
            }
        }
    }

    /**
     * An interrupt that arrives while the first cell still waits for the JVM to start, or while it
     * compiles, finds no user code running: it must be kept until the code runs, not lost. The
     * interrupt is sent as soon as the kernel says the cell started (busy), which on a fresh kernel
     * is before the JVM for cells is ready.
     */
    @Test
    void anInterruptDuringStartUpOrCompilationIsNotLost() throws Exception {
        try (KernelProcess kernel = KernelLauncher.builder(InstalledKernel.kernelCommand()).launch()) {
            java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.CountDownLatch busySeen = new java.util.concurrent.CountDownLatch(1);
            kernel.client().addIopubListener(m -> {
                if (m.msgType().equals("execute_input") && started.contains(m.parentMsgId())) {
                    busySeen.countDown();
                }
            });
            String code = "while (true) { }";
            org.perflab.kernel.client.Execution busy;
            synchronized (started) {
                busy = kernel.client().submit(code, ExecuteOptions.defaults());
                started.add(busy.msgId());
            }
            // The execute_input may have arrived before the id was recorded: then wait no longer.
            busySeen.await(2, java.util.concurrent.TimeUnit.SECONDS);
            kernel.client().interrupt(TIMEOUT);
            assertEquals("error", busy.await(Duration.ofSeconds(20)).status());
            ExecutionResult after = kernel.client().execute("1 + 1", TIMEOUT);
            assertEquals("2", after.resultText().orElseThrow(
                    () -> new AssertionError("the cell after the interrupt: " + after.reply() + " " + after.outputs())));
        }
    }

    @Test
    void sigkillOfTheKernelLeavesNoOrphan() throws Exception {
        try (KernelProcess kernel = KernelLauncher.builder(InstalledKernel.kernelCommand()).launch()) {
            kernel.client().execute("1 + 1", TIMEOUT);
            List<ProcessHandle> children = childJvms(kernel);
            assertFalse(children.isEmpty());
            kernel.client().submit("while (true) { }", ExecuteOptions.defaults());
            Thread.sleep(500);
            ProcessHandle.of(kernel.pid()).orElseThrow().destroyForcibly();
            assertTrue(gone(children, Duration.ofSeconds(5)),
                    "the busy child halted itself once its kernel was killed");
        }
    }
}
