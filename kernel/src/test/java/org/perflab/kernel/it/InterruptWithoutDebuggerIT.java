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
 * The fallback when the cells' JVM runs without the debugger agent ({@code PERFLAB_FORCED_STOP=off}, or
 * a runtime without jdk.jdi): a busy loop is stopped by the child's own {@code Thread.stop} on JDK 17
 * to 19, which keeps the state; from JDK 20 on that throws, and the kernel replaces the JVM and says
 * so. InterruptIT covers the default, where the debugger stops it on every JDK.
 */
class InterruptWithoutDebuggerIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    static final SharedKernel shared = new SharedKernel("PERFLAB_FORCED_STOP", "off");

    @Test
    void aBusyLoopKeepsStateWhereThreadStopWorksAndOtherwiseSaysTheJvmWasReplaced() throws Exception {
        shared.client().execute("int keptWithoutDebugger = 7;", TIMEOUT);
        Execution running = shared.client().submit("long n = 0; while (true) { n++; }", ExecuteOptions.defaults());
        Thread.sleep(800);
        shared.client().interrupt(TIMEOUT);
        ExecutionResult result = running.await(TIMEOUT);
        String message = result.error().orElseThrow().get("evalue").getAsString();
        boolean threadStopWorks = Runtime.version().feature() < 20;
        if (threadStopWorks) {
            assertTrue(message.contains("variables defined before it are kept"), message);
            assertEquals("7", shared.client().execute("keptWithoutDebugger", TIMEOUT).resultText().orElseThrow());
        } else {
            assertTrue(message.contains("could not be stopped in place") && message.contains("lost"), message);
            assertEquals("2", shared.client().execute("1 + 1", TIMEOUT).resultText().orElseThrow());
        }
    }
}
