package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perflab.testing.Python;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a real kernel: Debian's ipykernel, started once for the class. */
@Python
@Timeout(60)
class KernelClientIpykernelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void startKernel() {
        Ipykernel.assumePresent();
        kernel = Ipykernel.launch();
        client = kernel.client();
    }

    @AfterAll
    static void stopKernel() {
        if (kernel != null) {
            kernel.close();
            assertFalse(kernel.isRunning());
        }
        Ipykernel.assertNoChildProcesses();
    }

    @Test
    void kernelInfoDescribesTheLanguage() {
        JsonObject info = client.kernelInfo(TIMEOUT);

        assertEquals("ok", info.get("status").getAsString());
        assertTrue(info.get("protocol_version").getAsString().startsWith("5."), info.toString());
        assertEquals("python", info.getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(kernel.startupTime().toNanos() > 0);
    }

    @Test
    void executeCollectsStdoutStderrAndTheResult() {
        ExecutionResult result = client.execute(String.join("\n",
                "import sys, time",
                "print('one', flush=True)",
                "time.sleep(0.2)",  // a separate stream message, to exercise merging
                "print('two')",
                "print('careful', file=sys.stderr)",
                "6 * 7"), TIMEOUT);

        assertTrue(result.isOk(), result.toString());
        assertEquals("one\ntwo\n", result.stdout());
        assertEquals("careful\n", result.stderr());
        assertEquals("42", result.resultText().orElseThrow());
        long streams = result.outputs().stream().filter(o -> o.get("output_type").getAsString().equals("stream")).count();
        assertEquals(2, streams, "stdout merged into one output, stderr in another: " + result.outputs());
        JsonObject executeResult = result.outputs().get(result.outputs().size() - 1);
        assertEquals(result.executionCount().getAsInt(), executeResult.get("execution_count").getAsInt());
        assertTrue(result.timeToReply().toNanos() > 0 && result.timeToIdle().toNanos() > 0);
    }

    @Test
    void executionCountGrowsByOnePerStoredExecution() {
        int first = client.execute("1", TIMEOUT).executionCount().getAsInt();
        int second = client.execute("2", TIMEOUT).executionCount().getAsInt();
        assertEquals(first + 1, second);
    }

    @Test
    void displayDataKeepsMimeBundlesAndJsonAsObjects() {
        ExecutionResult result = client.execute(String.join("\n",
                "from IPython.display import display",
                "display({'application/json': {'p99': 12.5}, 'text/plain': 'summary'}, raw=True)"), TIMEOUT);

        JsonObject output = result.outputs().get(0);
        assertEquals("display_data", output.get("output_type").getAsString());
        assertEquals(12.5, output.getAsJsonObject("data").getAsJsonObject("application/json").get("p99").getAsDouble());
        assertFalse(output.has("transient"));
    }

    @Test
    void updateDisplayDataRewritesTheEarlierOutputInPlace() {
        ExecutionResult first = client.execute(String.join("\n",
                "from IPython.display import display",
                "progress = display('0%', display_id=True)"), TIMEOUT);
        ExecutionResult second = client.execute("progress.update('100%')", TIMEOUT);

        assertEquals("'100%'", first.outputs().get(0).getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(second.outputs().isEmpty(), second.outputs().toString());
    }

    @Test
    void clearOutputWithWaitKeepsOnlyWhatFollows() {
        ExecutionResult result = client.execute(String.join("\n",
                "from IPython.display import clear_output",
                "print('step 1', flush=True)",
                "clear_output(wait=True)",
                "print('step 2')"), TIMEOUT);

        assertEquals("step 2\n", result.stdout());
    }

    @Test
    void errorComesBackAsAnErrorOutputAndAnErrorReply() {
        ExecutionResult result = client.execute("1 / 0", TIMEOUT);

        assertFalse(result.isOk());
        assertEquals("error", result.status());
        JsonObject error = result.error().orElseThrow();
        assertEquals("ZeroDivisionError", error.get("ename").getAsString());
        assertFalse(error.getAsJsonArray("traceback").isEmpty());
    }

    @Test
    void interruptStopsALongSleepWithinSeconds() {
        Execution sleeping = client.submit("import time; time.sleep(30)", ExecuteOptions.defaults());
        assertThrows(KernelTimeoutException.class, () -> sleeping.await(Duration.ofMillis(500)));

        long start = System.nanoTime();
        client.interrupt(Duration.ofSeconds(5));
        ExecutionResult result = sleeping.await(Duration.ofSeconds(5));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals("KeyboardInterrupt", result.error().orElseThrow().get("ename").getAsString());
        assertTrue(elapsedMs < 5000, "interrupt took " + elapsedMs + " ms");
        ExecutionResult after = client.execute("'still alive'", TIMEOUT);
        if ("aborted".equals(after.status())) {
            // ipykernel aborts requests that arrive in the instant after an error (its stop_on_error window).
            after = client.execute("'still alive'", TIMEOUT);
        }
        assertTrue(after.isOk(), "the kernel survives an interrupt: " + after);
    }

    @Test
    void genericRequestGetsItsReply() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "impo");
        content.addProperty("cursor_pos", 4);
        String msgId = client.request(Channel.SHELL, "complete_request", content);

        JupyterMessage reply = client.awaitReply(msgId, TIMEOUT);

        assertEquals("complete_reply", reply.msgType());
        assertTrue(reply.content().getAsJsonArray("matches").toString().contains("import"), reply.content().toString());
        client.release(msgId);
    }

    @Test
    void executeRequestAndAwaitReplyKeepIopubMessagesByParent() {
        String msgId = client.executeRequest("print('by parent')", ExecuteOptions.defaults());
        JupyterMessage reply = client.awaitReply(msgId, TIMEOUT);
        assertEquals("ok", reply.contentString("status"));

        List<String> types = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!types.contains("idle") && System.nanoTime() < deadline) {
            for (JupyterMessage message : client.drainIopub(msgId)) {
                assertEquals(msgId, message.parentMsgId());
                types.add("status".equals(message.msgType()) ? message.contentString("execution_state") : message.msgType());
            }
            Ipykernel.sleep(20);
        }
        client.release(msgId);

        assertEquals(List.of("busy", "execute_input", "stream", "idle"), types);
    }

    @Test
    void inputRequestIsAnsweredByTheInputHandlerOfTheAskingClient() {
        try (KernelClient second = KernelClient.builder(kernel.connectionInfo())
                .inputHandler((prompt, password) -> prompt.equals("name? ") ? "Ada" : "wrong prompt: " + prompt)
                .build()) {
            second.waitForReady(TIMEOUT);
            ExecutionResult result = second.execute("name = input('name? ')\nprint('hello', name)",
                    ExecuteOptions.builder().allowStdin(true).build(), TIMEOUT);

            assertTrue(result.stdout().contains("hello Ada"), result.outputs().toString());
        }
    }

    @Test
    void roundTripTimesLieWithinTheWallTimeOfTheCall() {
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            ExecutionResult result = client.execute("", ExecuteOptions.builder().storeHistory(false).build(), TIMEOUT);
            long wallNanos = System.nanoTime() - start;

            assertTrue(result.timeToReply().toNanos() > 0 && result.timeToReply().toNanos() <= wallNanos);
            assertTrue(result.timeToIdle().toNanos() > 0 && result.timeToIdle().toNanos() <= wallNanos);
        }
    }

    @Test
    void heartbeatAnswersWhileTheKernelRuns() {
        assertTrue(client.isAlive(Duration.ofSeconds(5)),
                () -> "no heartbeat from a running kernel; its log:\n" + kernel.logTail(40));
        assertTrue(client.heartbeatRoundTrip(Duration.ofSeconds(5)).toMillis() < 5000);
    }

    @Test
    void noMessageFromTheRealKernelIsRejected() {
        client.execute("print('signed')", TIMEOUT);
        assertEquals(0, client.rejectedMessageCount());
    }
}
