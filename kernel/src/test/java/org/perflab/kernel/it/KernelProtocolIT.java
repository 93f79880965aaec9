package org.perflab.kernel.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.perflab.kernel.client.Channel;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.Execution;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.JupyterMessage;
import org.perflab.kernel.exec.CellError;
import org.perflab.testing.Requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request type of the protocol against the packaged kernel, through a Java client over real
 * ZeroMQ sockets with signed messages, including bad input: syntax errors, exceptions, incomplete
 * cells, unknown magics.
 */
class KernelProtocolIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** An interrupted 30 s sleep must end well before it would have ended by itself, even on a loaded machine. */
    static final Duration INTERRUPT_STOPS_WITHIN = Duration.ofSeconds(15);
    static final int INTERRUPT_ROUNDS = 3;
    /** At once (the interrupt may overtake the request), while the cell compiles, while it sleeps. */
    static final long[] INTERRUPT_DELAYS_MS = {0, 20, 250};
    /**
     * Without stop_on_error: the kernel aborts the executes that arrive while it drains its queue
     * after an error, and the `1 + 1` sent on the error's reply can arrive in that window.
     */
    static final ExecuteOptions INTERRUPTED_CELL = ExecuteOptions.builder().stopOnError(false).build();
    @RegisterExtension
    static final SharedKernel shared = new SharedKernel();

    private static JsonObject request(Channel channel, String type, JsonObject content) {
        String id = shared.client().request(channel, type, content);
        return shared.client().awaitReply(id, TIMEOUT).content();
    }

    private static JsonObject obj(Object... keyValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof Number) {
                o.addProperty((String) keyValues[i], (Number) v);
            } else if (v instanceof Boolean) {
                o.addProperty((String) keyValues[i], (Boolean) v);
            } else {
                o.addProperty((String) keyValues[i], String.valueOf(v));
            }
        }
        return o;
    }

    @Test
    void kernelInfoHasStatusLanguageAndBanner() {
        for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL)) {
            JsonObject info = request(channel, "kernel_info_request", new JsonObject());
            assertEquals("ok", info.get("status").getAsString());
            assertEquals("5.3", info.get("protocol_version").getAsString());
            JsonObject language = info.getAsJsonObject("language_info");
            assertEquals("java", language.get("name").getAsString());
            assertEquals(".jshell", language.get("file_extension").getAsString());
            assertEquals("text/x-java-source", language.get("mimetype").getAsString());
            assertTrue(language.has("version") && language.has("codemirror_mode"));
            assertTrue(info.get("banner").getAsString().contains("PerfLab"));
        }
    }

    @Test
    void executionCountAdvancesOnlyForStoredHistory() {
        int first = shared.client().execute("int counted = 1;", TIMEOUT).executionCount().getAsInt();
        ExecutionResult silent = shared.client().execute("counted++;",
                ExecuteOptions.builder().silent(true).build(), TIMEOUT);
        assertTrue(silent.outputs().isEmpty(), "a silent cell publishes nothing");
        ExecutionResult notStored = shared.client().execute("counted++;",
                ExecuteOptions.builder().storeHistory(false).build(), TIMEOUT);
        int next = shared.client().execute("counted", TIMEOUT).executionCount().getAsInt();
        assertEquals(first + 1, next, "silent and store_history=false cells do not advance the count");
        assertEquals("ok", notStored.status());
        assertEquals("3", shared.client().execute("counted", TIMEOUT).resultText().orElseThrow());
    }

    @Test
    void stdoutStreamsWhileTheCellRuns() {
        java.util.Map<String, Long> firstStreamNanos = new java.util.concurrent.ConcurrentHashMap<>();
        shared.client().addIopubListener(m -> {
            if (m.msgType().equals("stream") && m.parentMsgId() != null) {
                firstStreamNanos.putIfAbsent(m.parentMsgId(), m.receivedNanos());
            }
        });
        Execution execution = shared.client().submit(
                "System.out.println(\"early\"); Thread.sleep(1500); System.out.println(\"late\");",
                ExecuteOptions.defaults());
        ExecutionResult result = execution.await(TIMEOUT);
        long finished = System.nanoTime();
        assertEquals("early\nlate\n", result.stdout());
        long earlyBeforeEndMs = (finished - firstStreamNanos.get(execution.msgId())) / 1_000_000;
        assertTrue(earlyBeforeEndMs >= 1_000, "the first line arrived only " + earlyBeforeEndMs + " ms before the end");
    }

    @Test
    void threadsStartedByACellPrintIntoIt() {
        ExecutionResult result = shared.client().execute(
                "Thread t = new Thread(() -> System.out.println(\"from a thread\")); t.start(); t.join();", TIMEOUT);
        assertEquals("from a thread\n", result.stdout());
    }

    @Test
    void expressionValueIsTheResult() {
        ExecutionResult result = shared.client().execute("int base = 40;\nbase + 2", TIMEOUT);
        assertEquals("42", result.resultText().orElseThrow());
        assertEquals("text", shared.client().execute("\"text\"", TIMEOUT).resultText().orElseThrow());
        assertTrue(shared.client().execute("int noValue = 1;", TIMEOUT).resultText().isEmpty());
    }

    @Test
    void aVerdictAsTheCellsValueIsPrintedOnceNotShownAgain() {
        ExecutionResult result = shared.client().execute(
                "org.perflab.verdict.Verdicts.sanity(\"answers per question\").atLeast(1).value(2)", TIMEOUT);
        assertTrue(result.stdout().startsWith("PASS [sanity] answers per question: measured 2"), result.stdout());
        assertEquals(1, result.stdout().lines().filter(line -> line.startsWith("PASS ")).count(), result.stdout());
        assertTrue(result.resultText().isEmpty(), "no execute_result repeats the line: " + result.resultText());
    }

    @Test
    void exceptionsCarryTheirRealClassAndUserFramesFirst() {
        ExecutionResult result = shared.client().execute(
                "int divide(int a, int b) { return a / b; }\nint zero = 0;\ndivide(1, zero)", TIMEOUT);
        assertEquals("error", result.status());
        JsonObject error = result.error().orElseThrow();
        assertEquals("java.lang.ArithmeticException", error.get("ename").getAsString());
        String traceback = joined(error.getAsJsonArray("traceback"));
        assertTrue(traceback.contains("line 1"), traceback);
        assertTrue(traceback.contains("divide(cell"), traceback);
        assertFalse(traceback.contains("jdk.jshell"), "JShell's frames are trimmed: " + traceback);
        assertFalse(traceback.contains("org.perflab.kernel"), "kernel frames are trimmed: " + traceback);
    }

    @Test
    void chainedCausesAreKept() {
        ExecutionResult result = shared.client().execute(
                "throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));", TIMEOUT);
        String traceback = joined(result.error().orElseThrow().getAsJsonArray("traceback"));
        assertEquals("java.lang.IllegalStateException", result.error().orElseThrow().get("ename").getAsString());
        assertTrue(traceback.contains("Caused by: ") && traceback.contains("java.io.IOException"), traceback);
    }

    @Test
    void compileErrorsShowTheLineAndACaret() {
        ExecutionResult result = shared.client().execute("int ok = 1;\nint broken = undefinedName + 1;", TIMEOUT);
        JsonObject error = result.error().orElseThrow();
        assertEquals("CompilationException", error.get("ename").getAsString());
        String traceback = joined(error.getAsJsonArray("traceback"));
        assertTrue(traceback.contains("line 2"), traceback);
        assertTrue(traceback.contains("int broken = undefinedName + 1;"), traceback);
        assertTrue(traceback.contains("^^^^^^^^^^^^^"), traceback);
    }

    @Test
    void incompleteCellIsACompileError() {
        ExecutionResult result = shared.client().execute("for (int i = 0; i < 3; i++) {", TIMEOUT);
        assertEquals("error", result.status());
        assertEquals("CompilationException", result.error().orElseThrow().get("ename").getAsString());
    }

    @Test
    void displayAndUpdateDisplay() {
        ExecutionResult result = shared.client().execute(
                "String id = display(\"first\");\nupdateDisplay(id, \"second\");", TIMEOUT);
        List<JsonObject> displays = displays(result);
        assertEquals(1, displays.size(), "the update replaced the display in place: " + result.outputs());
        assertTrue(displays.get(0).toString().contains("second"), displays.toString());
    }

    @Test
    void displayWithAnIdOfOnesOwnIsUpdatedByThatId() {
        ExecutionResult result = shared.client().execute(
                "displayWithId(\"protocol-test\", \"first\");\nupdateDisplay(\"protocol-test\", \"<i>second</i>\", \"text/html\");",
                TIMEOUT);
        List<JsonObject> displays = displays(result);
        assertEquals(1, displays.size(), result.outputs().toString());
        assertEquals("<i>second</i>", displays.get(0).getAsJsonObject("data").get("text/html").getAsString());
    }

    /** IJava's and JJava's display(value, mimeTypes...): the value is rendered as each type asked for. */
    @Test
    void displayRendersAValueAsTheMimeTypesAskedFor() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        ExecutionResult result = shared.client().execute(String.join("\n",
                "display(\"<b>hi</b>\", \"text/html\");",
                "display(\"# Title\", \"text/markdown\");",
                "display(\"<svg xmlns='http://www.w3.org/2000/svg'/>\", \"image/svg+xml\");",
                "display(java.util.Base64.getDecoder().decode(\"" + png + "\"), \"image/png\");",
                "display(\"{\\\"p99\\\": 12.5}\", \"application/json\");"), TIMEOUT);
        assertEquals("ok", result.status(), result.outputs().toString());
        List<JsonObject> data = displays(result).stream().map(d -> d.getAsJsonObject("data")).collect(Collectors.toList());
        assertEquals(5, data.size(), result.outputs().toString());
        assertEquals("<b>hi</b>", data.get(0).get("text/html").getAsString());
        assertEquals("# Title", data.get(1).get("text/markdown").getAsString());
        assertTrue(data.get(2).get("image/svg+xml").getAsString().startsWith("<svg"), data.get(2).toString());
        assertEquals(png, data.get(3).get("image/png").getAsString());
        assertEquals(12.5, data.get(4).getAsJsonObject("application/json").get("p99").getAsDouble());
    }

    @Test
    void aDisplayIdWhereAMimeTypeBelongsIsAnErrorThatNamesDisplayWithId() {
        ExecutionResult result = shared.client().execute("display(\"first\", \"my-progress\");", TIMEOUT);
        assertEquals("error", result.status());
        String message = result.error().orElseThrow().get("evalue").getAsString();
        assertTrue(message.contains("not a MIME type") && message.contains("displayWithId(\"my-progress\", value)"), message);
    }

    private static List<JsonObject> displays(ExecutionResult result) {
        return result.outputs().stream()
                .filter(o -> o.get("output_type").getAsString().equals("display_data"))
                .collect(Collectors.toList());
    }

    @Test
    void tablesRenderAsHtmlWithTheirRowCount() {
        ExecutionResult result = shared.client().execute(
                "Table.create(\"numbers\", IntColumn.indexColumn(\"n\", 100, 1))", TIMEOUT);
        JsonObject output = result.outputs().get(result.outputs().size() - 1);
        String html = output.getAsJsonObject("data").get("text/html").toString();
        assertTrue(html.contains("100 rows"), html);
        assertTrue(html.contains("not shown"), "a long table is truncated: " + html);
    }

    @Test
    void completeAtTheCursor() {
        shared.client().execute("String text = \"x\";", TIMEOUT);
        JsonObject reply = request(Channel.SHELL, "complete_request",
                obj("code", "int other = 1;\ntext.toUpp", "cursor_pos", 25));
        assertEquals("ok", reply.get("status").getAsString());
        assertTrue(reply.getAsJsonArray("matches").toString().contains("toUpperCase("), reply.toString());
        assertEquals(20, reply.get("cursor_start").getAsInt());
        JsonObject middle = request(Channel.SHELL, "complete_request", obj("code", "Math.ma + 1", "cursor_pos", 7));
        assertTrue(middle.getAsJsonArray("matches").toString().contains("max("), middle.toString());
    }

    @Test
    void inspectAtTheEndOfAWord() {
        JsonObject reply = request(Channel.SHELL, "inspect_request", obj("code", "Math.max", "cursor_pos", 8,
                "detail_level", 0));
        assertEquals("ok", reply.get("status").getAsString());
        assertTrue(reply.get("found").getAsBoolean(), reply.toString());
        assertTrue(reply.getAsJsonObject("data").get("text/plain").getAsString().contains("max("), reply.toString());
    }

    @Test
    void isCompleteForConsoles() {
        assertEquals("complete", request(Channel.SHELL, "is_complete_request", obj("code", "int a = 1;"))
                .get("status").getAsString());
        JsonObject open = request(Channel.SHELL, "is_complete_request", obj("code", "if (true) {"));
        assertEquals("incomplete", open.get("status").getAsString());
        assertTrue(open.has("indent"));
        assertEquals("invalid", request(Channel.SHELL, "is_complete_request", obj("code", ")))"))
                .get("status").getAsString());
    }

    @Test
    void historyFromThisSession() {
        shared.client().execute("String historyMarker = \"h1\";", TIMEOUT);
        JsonArray tail = request(Channel.SHELL, "history_request",
                obj("hist_access_type", "tail", "n", 1, "output", false, "raw", true)).getAsJsonArray("history");
        assertEquals(1, tail.size());
        assertEquals("String historyMarker = \"h1\";", tail.get(0).getAsJsonArray().get(2).getAsString());
        int line = tail.get(0).getAsJsonArray().get(1).getAsInt();
        JsonArray range = request(Channel.SHELL, "history_request", obj("hist_access_type", "range", "session", 1,
                "start", line, "stop", line + 1, "output", false, "raw", true)).getAsJsonArray("history");
        assertEquals(1, range.size());
        JsonArray search = request(Channel.SHELL, "history_request", obj("hist_access_type", "search",
                "pattern", "*historyMarker*", "output", false, "raw", true)).getAsJsonArray("history");
        assertTrue(search.size() >= 1);
    }

    @Test
    void commInfoAnswersWithNoComms() {
        JsonObject reply = request(Channel.SHELL, "comm_info_request", new JsonObject());
        assertEquals("ok", reply.get("status").getAsString());
        assertEquals(0, reply.getAsJsonObject("comms").size());
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() {
        JsonObject expressions = new JsonObject();
        expressions.addProperty("double", "21 * 2");
        expressions.addProperty("broken", "nope(");
        ExecutionResult result = shared.client().execute("int ue = 1;",
                ExecuteOptions.builder().userExpressions(expressions).build(), TIMEOUT);
        JsonObject values = result.reply().getAsJsonObject("user_expressions");
        assertEquals("42", values.getAsJsonObject("double").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", values.getAsJsonObject("broken").get("status").getAsString());
    }

    @Test
    void stopOnErrorAbortsQueuedCells() {
        Execution failing = shared.client().submit("throw new RuntimeException(\"stop here\");", ExecuteOptions.defaults());
        Execution queued = shared.client().submit("int neverRun = 1;", ExecuteOptions.defaults());
        assertEquals("error", failing.await(TIMEOUT).status());
        assertEquals("aborted", queued.await(TIMEOUT).status());
        assertEquals("ok", shared.client().execute("int runsAfterwards = 1;", TIMEOUT).status());
    }

    /**
     * SIGINT at once after the request, which it may overtake on the way to the shell thread, and
     * after short delays, a few rounds: every sleep ends interrupted, long before its 30 s.
     */
    @Test
    void interruptBySigintStopsASleepWheneverItArrives() throws Exception {
        requireKernelTakesSigint();
        assertEverySleepIsInterrupted("SIGINT", () -> shared.process().signalInterrupt());
    }

    /**
     * The same with interrupt_request, which comes on the control socket and its own thread, so
     * it overtakes the execute_request on the shell socket more often than a signal does.
     */
    @Test
    void interruptRequestStopsASleepWheneverItArrives() throws Exception {
        assertEverySleepIsInterrupted("interrupt_request", () -> shared.client().interrupt(TIMEOUT));
    }

    private static void assertEverySleepIsInterrupted(String how, Runnable interrupt) throws InterruptedException {
        for (int round = 1; round <= INTERRUPT_ROUNDS; round++) {
            for (long delayMs : INTERRUPT_DELAYS_MS) {
                String when = "round " + round + ", " + how + " " + delayMs + " ms after the request";
                Execution sleeping = shared.client().submit("Thread.sleep(30_000);", INTERRUPTED_CELL);
                Thread.sleep(delayMs);
                interrupt.run();
                ExecutionResult result = assertDoesNotThrow(() -> sleeping.await(INTERRUPT_STOPS_WITHIN), when);
                assertEquals("error", result.status(), when);
                assertEquals(CellError.INTERRUPTED, result.error().orElseThrow().get("ename").getAsString(), when);
                assertEquals("ok", shared.client().execute("1 + 1", TIMEOUT).status(),
                        "the kernel survived the interrupt, " + when);
            }
        }
    }

    /**
     * A JVM started with SIGINT ignored keeps ignoring it, whatever handler it installs (the kernel
     * logs a warning): say so, instead of timing out for a reason outside the kernel.
     */
    private static void requireKernelTakesSigint() throws IOException {
        Path status = Path.of("/proc", Long.toString(shared.process().pid()), "status");
        if (!Files.isReadable(status)) {
            return;   // no /proc to read the signal mask from: let the test tell
        }
        long ignoredMask = Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .mapToLong(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .findFirst().orElse(0);
        long sigint = 1L << (2 - 1);   // signal 2 is bit 1 of the mask
        Requirement.require((ignoredMask & sigint) == 0,
                "a kernel that takes SIGINT (it was started with SIGINT ignored)",
                "run the build from a process that does not ignore SIGINT: not as a background job of a"
                        + " non-interactive shell (in a script, `set -m` before `&`), not under nohup");
    }

    /**
     * An interrupt between cells is kept only for a request sent before it: a cell submitted after
     * it runs to the end. (interrupt_request, whose reply says the kernel has taken the interrupt;
     * a signal gives no such word, so a cell sent after it could race its handler.)
     */
    @Test
    void interruptBetweenCellsDoesNotReachACellSubmittedAfterIt() {
        assertEquals("ok", shared.client().execute("int beforeIdleInterrupt = 1;", TIMEOUT).status());
        shared.client().interrupt(TIMEOUT);
        ExecutionResult later = shared.client().execute("Thread.sleep(300);\n2 + 2", TIMEOUT);
        assertEquals("ok", later.status(), () -> later.error().map(Object::toString).orElse(""));
        assertEquals("4", later.resultText().orElseThrow());
    }

    @Test
    void timingMagics() {
        ExecutionResult time = shared.client().execute("%%time\nint[] big = new int[1_000_000];\nbig.length", TIMEOUT);
        assertTrue(time.stdout().contains("Wall time") && time.stdout().contains("allocated"), time.stdout());
        assertEquals("1000000", time.resultText().orElseThrow());
        ExecutionResult timeit = shared.client().execute("%timeit -n 200 Math.sqrt(2.0)", TIMEOUT);
        assertTrue(timeit.stdout().contains("p50") && timeit.stdout().contains("p99")
                && timeit.stdout().contains("n=200"), timeit.stdout());
    }

    @Test
    void unknownMagicNamesTheKnownOnes() {
        ExecutionResult result = shared.client().execute("%nosuchmagic", TIMEOUT);
        JsonObject error = result.error().orElseThrow();
        assertEquals("UnknownMagic", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("%timeit"), error.toString());
    }

    @Test
    void pagerPayloadForQuestionMark() {
        ExecutionResult result = shared.client().execute("Math.abs?", TIMEOUT);
        JsonArray payload = result.reply().getAsJsonArray("payload");
        assertEquals(1, payload.size());
        assertEquals("page", payload.get(0).getAsJsonObject().get("source").getAsString());
    }

    private static String joined(JsonArray lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.getAsString()).append('\n'));
        return sb.toString();
    }
}
