package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.perflab.kernel.exec.CellError;
import org.perflab.kernel.exec.CodeAssist;
import org.perflab.kernel.exec.JavaEvaluator;
import org.perflab.kernel.exec.OutputRouter;
import org.perflab.kernel.magic.CellProgramRunner;
import org.perflab.kernel.wire.HeaderDate;
import org.perflab.kernel.wire.KernelConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PerfLab's Java kernel, on jjava-jupyter's {@link BaseKernel}. The cells run in a child JVM
 * through {@link JavaEvaluator}; this class speaks the protocol: it answers every request with a
 * status, never lets an exception or Error from a cell escape a handler, answers history from this
 * session, and aborts queued cells after an error when the frontend asked for stop_on_error.
 */
public final class PerfLabKernel extends BaseKernel {

    private static final Logger LOG = Logger.getLogger(PerfLabKernel.class.getName());
    static final long EVALUATOR_START_TIMEOUT_SECONDS = 60;
    /**
     * How long a completion or inspection may take before the frontend is answered without suggestions. The
     * shell channel handles one request at a time, so an analysis that stalls (JShell indexes the class path
     * on its first questions) must not hold up the cells queued behind it.
     */
    static final long ASSIST_TIMEOUT_SECONDS = 10;
    private final AssistThread assist = new AssistThread(Duration.ofSeconds(ASSIST_TIMEOUT_SECONDS));

    private final CompletableFuture<JavaEvaluator> evaluator;
    /** The evaluator even while it starts, so an interrupt during start-up is not lost. */
    private final JavaEvaluator starting;
    private final OutputRouter router;
    private final SessionHistory history = new SessionHistory();
    private final AtomicInteger counter = new AtomicInteger(1);
    private volatile KernelConnection connection;
    private volatile boolean abortQueued;

    PerfLabKernel(JavaEvaluator starting, CompletableFuture<JavaEvaluator> evaluator, OutputRouter router) {
        super("perflab", Versions.perflab(), languageInfo(), List.of(),
                null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder().build());
        this.evaluator = evaluator;
        this.starting = starting;
        this.router = router;
    }

    static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    /** Registers every handler on the connection. */
    void serve(KernelConnection conn) {
        this.connection = conn;
        conn.onShell("kernel_info_request", this::kernelInfo);
        conn.onControl("kernel_info_request", this::kernelInfo);
        conn.onShell("execute_request", this::execute);
        conn.onShell("complete_request", this::complete);
        conn.onShell("inspect_request", this::inspect);
        conn.onShell("is_complete_request", this::isComplete);
        conn.onShell("history_request", this::history);
        conn.onShell("comm_info_request", this::commInfo);
        conn.onControl("comm_info_request", this::commInfo);
        conn.onShell("comm_open", this::commOpen);
        conn.onShell("shutdown_request", this::shutdown);
        conn.onControl("shutdown_request", this::shutdown);
        conn.onControl("interrupt_request", this::interruptRequest);
        conn.abortQueuedExecutesWhen(this::takeAbortQueued, this::abortedExecute);
    }

    // ---------------------------------------------------------------- kernel info

    private void kernelInfo(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", Header.PROTOCOL_VERISON);
        content.addProperty("implementation", "perflab");
        content.addProperty("implementation_version", Versions.perflab());
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", Runtime.version().toString());
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        content.add("language_info", language);
        content.addProperty("banner", getBanner());
        content.add("help_links", new JsonArray());
        content.addProperty("debugger", false);
        reply(env, MessageType.KERNEL_INFO_REPLY, content);
    }

    @Override
    public String getBanner() {
        return "PerfLab Java kernel " + Versions.perflab() + " (JShell in a child JVM) on Java "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    // ---------------------------------------------------------------- execute

    private void execute(ShellReplyEnvironment env, Message<JsonObject> request) {
        try {
            awaitAssistIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JsonObject content = request.getContent();
        String code = string(content, "code", "");
        boolean silent = bool(content, "silent", false);
        boolean storeHistory = !silent && bool(content, "store_history", true);
        boolean stopOnError = bool(content, "stop_on_error", true);
        int count = storeHistory ? counter.getAndIncrement() : counter.get();

        // From here on an interrupt is for this cell, even before its code compiles or runs; one
        // that arrived after the request was sent, while it waited to be taken, is for it as well.
        starting.beginCell(sentAt(request));
        env.setBusyDeferIdle();
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publish(env, MessageType.PUBLISH_EXECUTE_INPUT, input);
        }
        if (storeHistory) {
            history.add(count, code, null);
        }
        IopubCellSink sink = new IopubCellSink(connection.iopub(), request, silent);
        JsonObject reply = new JsonObject();
        try {
            JavaEvaluator java = awaitEvaluator();
            router.beginCell(sink);
            CellProgramRunner.Outcome outcome;
            try {
                outcome = new CellProgramRunner(java, sink::stdout).run(count, code);
            } finally {
                router.endCell();
            }
            if (outcome.result() != null && !silent) {
                JsonObject result = outcome.result().deepCopy();
                result.addProperty("execution_count", count);
                result.remove("transient");
                if (!result.has("metadata")) {
                    result.add("metadata", new JsonObject());
                }
                publish(env, MessageType.PUBLISH_EXECUTION_RESULT, result);
                history.setOutput(count, textOf(result));
            }
            reply.addProperty("status", "ok");
            reply.addProperty("execution_count", count);
            reply.add("user_expressions", userExpressions(java, content));
            JsonArray payload = new JsonArray();
            if (outcome.page() != null) {
                JsonObject page = new JsonObject();
                page.addProperty("source", "page");
                JsonObject data = new JsonObject();
                data.addProperty("text/plain", outcome.page());
                page.add("data", data);
                page.addProperty("start", 0);
                payload.add(page);
            }
            reply.add("payload", payload);
        } catch (CellError e) {
            fail(env, reply, count, e, stopOnError);
        } catch (Throwable t) {
            // Anything else is a kernel fault: report it on this cell and keep serving.
            LOG.log(Level.SEVERE, "execute_request failed inside the kernel", t);
            fail(env, reply, count, new CellError("KernelError", String.valueOf(t),
                    List.of("KernelError: " + t + " (the kernel keeps running; details are in its log)")), stopOnError);
        } finally {
            starting.endCell();
        }
        reply(env, MessageType.EXECUTE_REPLY, reply);
        if (count == 1) {
            org.perflab.kernel.exec.StartupTrace.mark("first cell answered");
        }
    }

    /** When the frontend sent a request, from its header's date; null when it does not say. */
    private static Instant sentAt(Message<JsonObject> request) {
        KernelTimestamp date = request.getHeader().getTimestamp();
        return date == null ? null : HeaderDate.parse(date.getDateString()).orElse(null);
    }

    private void fail(ShellReplyEnvironment env, JsonObject reply, int count, CellError e, boolean stopOnError) {
        JsonObject error = new JsonObject();
        error.addProperty("ename", e.ename());
        error.addProperty("evalue", e.evalue());
        JsonArray traceback = new JsonArray();
        e.traceback().forEach(traceback::add);
        error.add("traceback", traceback);
        publish(env, MessageType.PUBLISH_ERROR, error);
        reply.addProperty("status", "error");
        reply.addProperty("execution_count", count);
        reply.addProperty("ename", e.ename());
        reply.addProperty("evalue", e.evalue());
        reply.add("traceback", traceback);
        reply.add("user_expressions", new JsonObject());
        reply.add("payload", new JsonArray());
        abortQueued = stopOnError;
    }

    /** Answers an execute request that was queued behind a failed cell with stop_on_error. */
    private void abortedExecute(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "aborted");
        reply.addProperty("execution_count", counter.get());
        reply(env, MessageType.EXECUTE_REPLY, reply);
    }

    /**
     * Asked by the shell loop right after each request: true once after a failed cell with
     * stop_on_error, so the loop answers the execute requests already queued as aborted.
     */
    private boolean takeAbortQueued() {
        boolean abort = abortQueued;
        abortQueued = false;
        return abort;
    }

    private JsonObject userExpressions(JavaEvaluator java, JsonObject content) {
        JsonObject out = new JsonObject();
        JsonElement expressions = content.get("user_expressions");
        if (expressions == null || !expressions.isJsonObject()) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : expressions.getAsJsonObject().entrySet()) {
            JsonObject value = new JsonObject();
            try {
                JavaEvaluator.CellResult result = java.evalCell(0, e.getValue().getAsString());
                JsonObject bundle = result.hasValue() ? java.renderLastValue() : null;
                value.addProperty("status", "ok");
                value.add("data", bundle != null && bundle.has("data") ? bundle.get("data") : new JsonObject());
                value.add("metadata", new JsonObject());
            } catch (CellError error) {
                value.addProperty("status", "error");
                value.addProperty("ename", error.ename());
                value.addProperty("evalue", error.evalue());
                JsonArray tb = new JsonArray();
                error.traceback().forEach(tb::add);
                value.add("traceback", tb);
            }
            out.add(e.getKey(), value);
        }
        return out;
    }

    private static String textOf(JsonObject bundle) {
        JsonObject data = bundle.getAsJsonObject("data");
        JsonElement text = data == null ? null : data.get("text/plain");
        return text == null ? null : text.isJsonPrimitive() ? text.getAsString() : text.toString();
    }

    // ---------------------------------------------------------------- code assistance

    private void complete(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        String code = string(request.getContent(), "code", "");
        int cursor = integer(request.getContent(), "cursor_pos", code.length());
        JsonObject reply = new JsonObject();
        JsonArray matches = new JsonArray();
        int start = cursor;
        int end = cursor;
        try {
            CodeAssist assist = awaitEvaluator().assist();
            CodeAssist.Completions completions = withinAssistTimeout("completion",
                    () -> assist.complete(code, cursor), new CodeAssist.Completions(List.of(), cursor, cursor));
            completions.matches().forEach(matches::add);
            start = completions.cursorStart();
            end = completions.cursorEnd();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "completion failed", e);
        }
        reply.addProperty("status", "ok");
        reply.add("matches", matches);
        reply.addProperty("cursor_start", start);
        reply.addProperty("cursor_end", end);
        reply.add("metadata", new JsonObject());
        reply(env, MessageType.COMPLETE_REPLY, reply);
    }

    private void inspect(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        String code = string(request.getContent(), "code", "");
        int cursor = integer(request.getContent(), "cursor_pos", code.length());
        boolean detailed = integer(request.getContent(), "detail_level", 0) > 0;
        String doc = "";
        try {
            CodeAssist assist = awaitEvaluator().assist();
            doc = withinAssistTimeout("inspection", () -> assist.inspect(code, cursor, detailed), "");
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "inspection failed", e);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("found", !doc.isEmpty());
        JsonObject data = new JsonObject();
        if (!doc.isEmpty()) {
            data.addProperty("text/plain", doc);
        }
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        reply(env, MessageType.INSPECT_REPLY, reply);
    }

    /** The answer to a code-assist question, or {@code fallback} when it takes over {@link #ASSIST_TIMEOUT_SECONDS}. */
    private <T> T withinAssistTimeout(String what, Callable<T> question, T fallback) throws InterruptedException {
        return assist.ask(what, question, fallback);
    }

    /** Before anything else uses JShell: a completion answered late may still be inside it (see AssistThread). */
    private void awaitAssistIdle() throws InterruptedException {
        assist.awaitIdle(Duration.ofSeconds(ASSIST_TIMEOUT_SECONDS * 3));
    }

    private void isComplete(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        awaitAssistIdle();
        String code = string(request.getContent(), "code", "");
        JsonObject reply = new JsonObject();
        if (code.strip().startsWith("%")) {
            reply.addProperty("status", "complete");
        } else {
            CodeAssist.Completeness completeness = awaitEvaluator().assist().isComplete(code);
            switch (completeness) {
                case INCOMPLETE:
                    reply.addProperty("status", "incomplete");
                    reply.addProperty("indent", "    ");
                    break;
                case INVALID:
                    reply.addProperty("status", "invalid");
                    break;
                default:
                    reply.addProperty("status", "complete");
            }
        }
        reply(env, MessageType.IS_COMPLETE_REPLY, reply);
    }

    private void history(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("history", history.answer(request.getContent()));
        reply(env, MessageType.HISTORY_REPLY, reply);
    }

    private void commInfo(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("comms", new JsonObject());
        reply(env, MessageType.COMM_INFO_REPLY, reply);
    }

    /** No comm targets exist: close the comm at once, as the protocol asks. */
    private void commOpen(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", string(request.getContent(), "comm_id", ""));
        close.add("data", new JsonObject());
        publish(env, MessageType.COMM_CLOSE_COMMAND, close);
    }

    // ---------------------------------------------------------------- lifecycle

    private void shutdown(ShellReplyEnvironment env, Message<JsonObject> request) {
        boolean restart = bool(request.getContent(), "restart", false);
        env.setBusyDeferIdle();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("restart", restart);
        reply(env, MessageType.SHUTDOWN_REPLY, reply);
        env.resolveDeferrals();
        // A cell still running is stopped with its JVM: the kernel is going away.
        onShutdown(restart);
        env.markForShutdown();
    }

    private void interruptRequest(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        interrupt();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply(env, MessageType.INTERRUPT_REPLY, reply);
    }

    @Override
    public void interrupt() {
        starting.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        JavaEvaluator java = evaluator.getNow(null);
        if (java != null) {
            java.close();
        } else {
            evaluator.thenAccept(JavaEvaluator::close);
        }
    }

    private JavaEvaluator awaitEvaluator() throws CellError {
        try {
            return evaluator.get(EVALUATOR_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "the Java process for cells could not start: " + cause.getMessage()
                    + "; check the kernel's log and its JVM options, then restart the kernel";
            throw new CellError("KernelStartFailed", message, List.of("KernelStartFailed: " + message));
        } catch (TimeoutException e) {
            String message = "the Java process for cells did not start within " + EVALUATOR_START_TIMEOUT_SECONDS
                    + " s; restart the kernel";
            throw new CellError("KernelStartFailed", message, List.of("KernelStartFailed: " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellError(CellError.INTERRUPTED, "interrupted while the kernel was starting",
                    List.of("Interrupted while the kernel was starting"));
        }
    }

    // ---------------------------------------------------------------- BaseKernel's abstract API

    /** Runs code as a cell would, for callers of jjava's API; the value comes back rendered. */
    @Override
    public Object evalRaw(String source) {
        try {
            JavaEvaluator java = awaitEvaluator();
            JavaEvaluator.CellResult result = java.evalCell(0, source);
            JsonObject bundle = result.hasValue() ? java.renderLastValue() : null;
            return bundle == null ? null : new DisplayData(textOf(bundle));
        } catch (CellError e) {
            throw new IllegalStateException(e.ename() + ": " + e.evalue(), e);
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        try {
            String doc = awaitEvaluator().assist().inspect(code, at, extraDetail);
            return doc.isEmpty() ? null : new DisplayData(doc);
        } catch (CellError e) {
            return null;
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        try {
            CodeAssist.Completions c = awaitEvaluator().assist().complete(code, at);
            return new ReplacementOptions(c.matches(), c.cursorStart(), c.cursorEnd());
        } catch (CellError e) {
            return null;
        }
    }

    @Override
    public String isComplete(String code) {
        try {
            switch (awaitEvaluator().assist().isComplete(code)) {
                case COMPLETE: return IS_COMPLETE_YES;
                case INVALID: return IS_COMPLETE_BAD;
                default: return "    ";
            }
        } catch (CellError e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void publish(ShellReplyEnvironment env, MessageType<?> type, JsonObject content) {
        env.publish(new Message(env.getContext(), type, content));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, JsonObject content) {
        env.defer().reply(new Message(env.getContext(), type, content));
    }

    private static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    private static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsBoolean() : fallback;
    }

    private static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }
}
