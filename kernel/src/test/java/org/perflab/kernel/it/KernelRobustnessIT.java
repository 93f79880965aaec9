package org.perflab.kernel.it;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.perflab.kernel.client.ExecutionResult;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cells that end their JVM, exhaust memory or the stack, or break while their value is rendered:
 * each fails its own cell with a message that says what happened, and the kernel keeps answering.
 */
class KernelRobustnessIT {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    @RegisterExtension
    static final SharedKernel shared = new SharedKernel("PERFLAB_CHILD_JVM_OPTS", "-Xmx256m");

    private static JsonObject failing(String code) {
        ExecutionResult result = shared.client().execute(code, TIMEOUT);
        assertEquals("error", result.status(), code + " should fail: " + result);
        return result.error().orElseThrow();
    }

    private static void assertStillServing() {
        assertEquals("2", shared.client().execute("1 + 1", TIMEOUT).resultText().orElseThrow());
        assertTrue(shared.client().isAlive(Duration.ofSeconds(5)), "heartbeat answers");
        assertEquals("ok", shared.client().kernelInfo(Duration.ofSeconds(10)).get("status").getAsString());
    }

    @Test
    void systemExitLosesTheStateButNotTheKernel() {
        shared.client().execute("int beforeExit = 1;", TIMEOUT);
        JsonObject error = failing("System.exit(3);");
        assertEquals("JvmLost", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("exit code 3"), error.toString());
        assertTrue(error.get("evalue").getAsString().contains("fresh"), error.toString());
        assertStillServing();
        assertEquals("CompilationException", failing("beforeExit").get("ename").getAsString(),
                "the old variables are gone, as the message said");
    }

    @Test
    void haltIsReportedLikeExit() {
        JsonObject error = failing("Runtime.getRuntime().halt(1);");
        assertEquals("JvmLost", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("exit code 1"), error.toString());
        assertStillServing();
    }

    @Test
    void outOfMemoryFailsTheCellAndKeepsTheJvm() {
        shared.client().execute("int survivesOom = 5;", TIMEOUT);
        JsonObject error = failing("List<long[]> hog = new ArrayList<>(); while (true) { hog.add(new long[1_000_000]); }");
        assertEquals("java.lang.OutOfMemoryError", error.get("ename").getAsString());
        shared.client().execute("hog = null; System.gc();", TIMEOUT);
        assertEquals("5", shared.client().execute("survivesOom", TIMEOUT).resultText().orElseThrow());
        assertStillServing();
    }

    @Test
    void stackOverflowFailsTheCellWithAShortTrace() {
        shared.client().execute("int down(int n) { return down(n + 1) + 1; }", TIMEOUT);
        JsonObject error = failing("down(0)");
        assertEquals("java.lang.StackOverflowError", error.get("ename").getAsString());
        assertTrue(error.getAsJsonArray("traceback").size() < 60, "the trace is cut: " + error.getAsJsonArray("traceback").size());
        assertStillServing();
    }

    @Test
    void aValueThatCannotBeRenderedFailsOnlyItsCell() {
        shared.client().execute("class Unprintable { public String toString() { throw new IllegalStateException(\"no text\"); } }",
                TIMEOUT);
        JsonObject error = failing("new Unprintable()");
        assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
        ExecutionResult declared = shared.client().execute("Unprintable kept = new Unprintable();", TIMEOUT);
        assertEquals("ok", declared.status(), "declaring one is fine: only showing it fails");
        shared.client().execute("class Deep { public String toString() { return toString(); } }", TIMEOUT);
        assertEquals("java.lang.StackOverflowError", failing("new Deep()").get("ename").getAsString());
        assertStillServing();
    }

    @Test
    void fiftyMegabytesOfOutputAreCutWithANote() {
        ExecutionResult result = shared.client().execute(
                "for (int i = 0; i < 500_000; i++) { System.out.println(\"line \" + i + \" \" + \"x\".repeat(90)); }",
                TIMEOUT);
        assertEquals("ok", result.status());
        assertTrue(result.stdout().length() < 8 * 1024 * 1024, "kept " + result.stdout().length() + " chars");
        assertTrue(result.stderr().contains("output truncated"), result.stderr());
        assertTrue(result.stderr().contains("MiB dropped"), result.stderr());
        assertStillServing();
    }
}
