package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.perflab.kernel.exec.CellError;
import org.perflab.kernel.exec.JavaEvaluator;
import org.perflab.kernel.exec.OutputRouter;
import org.perflab.kernel.exec.StartupTrace;
import org.perflab.kernel.magic.CellProgramRunner;
import org.perflab.kernel.wire.HeaderDate;
import org.perflab.kernel.wire.KernelConnection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.perflab.kernel.Replies.bool;
import static org.perflab.kernel.Replies.publish;
import static org.perflab.kernel.Replies.reply;
import static org.perflab.kernel.Replies.string;

/**
 * Answers execute_request: runs the cell, publishes its input, output, result or error, records
 * it in the session's history, and never lets an exception or Error from the cell escape. After a
 * failed cell with stop_on_error, the requests already queued are answered as aborted.
 */
final class ExecuteHandler {

    private static final Logger LOG = Logger.getLogger(ExecuteHandler.class.getName());

    private final StartingEvaluator evaluator;
    private final OutputRouter router;
    private final AssistHandlers assist;
    private final SessionHistory history;
    private final AtomicInteger counter = new AtomicInteger(1);
    private final KernelConnection connection;
    private volatile boolean abortQueued;
    /** When the last cell that asks for queued requests to be aborted failed. */
    private volatile Instant failedAt;

    ExecuteHandler(StartingEvaluator evaluator, OutputRouter router, AssistHandlers assist, SessionHistory history,
                   KernelConnection connection) {
        this.evaluator = evaluator;
        this.router = router;
        this.assist = assist;
        this.history = history;
        this.connection = connection;
    }

    void execute(ShellReplyEnvironment env, Message<JsonObject> request) {
        try {
            assist.awaitIdle();
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
        evaluator.evenWhileStarting().beginCell(sentAt(request));
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
        JsonObject reply = new JsonObject();
        try {
            JavaEvaluator java = evaluator.await();
            CellProgramRunner.Outcome outcome = run(java, new IopubCellSink(connection.iopub(), request, silent),
                    count, code);
            if (outcome.result() != null && !silent) {
                publishResult(env, outcome.result(), count);
            }
            reply.addProperty("status", "ok");
            reply.addProperty("execution_count", count);
            reply.add("user_expressions", userExpressions(java, content));
            reply.add("payload", payload(outcome.page()));
        } catch (CellError e) {
            fail(env, reply, count, e, stopOnError);
        } catch (Throwable t) {
            // Anything else is a kernel fault: report it on this cell and keep serving.
            LOG.log(Level.SEVERE, "execute_request failed inside the kernel", t);
            fail(env, reply, count, new CellError("KernelError", String.valueOf(t),
                    List.of("KernelError: " + t + " (the kernel keeps running; details are in its log)")), stopOnError);
        } finally {
            evaluator.evenWhileStarting().endCell();
        }
        reply(env, MessageType.EXECUTE_REPLY, reply);
        if (count == 1) {
            StartupTrace.mark("first cell answered");
        }
    }

    private CellProgramRunner.Outcome run(JavaEvaluator java, IopubCellSink sink, int count, String code)
            throws CellError {
        router.beginCell(sink);
        try {
            return new CellProgramRunner(java, sink::stdout).run(count, code);
        } finally {
            router.endCell();
        }
    }

    private void publishResult(ShellReplyEnvironment env, JsonObject bundle, int count) {
        JsonObject result = bundle.deepCopy();
        result.addProperty("execution_count", count);
        result.remove("transient");
        if (!result.has("metadata")) {
            result.add("metadata", new JsonObject());
        }
        publish(env, MessageType.PUBLISH_EXECUTION_RESULT, result);
        history.setOutput(count, textOf(result));
    }

    /** The reply's payload: a pager entry when the cell asked for one (a help magic), else empty. */
    private static JsonArray payload(String page) {
        JsonArray payload = new JsonArray();
        if (page != null) {
            JsonObject entry = new JsonObject();
            entry.addProperty("source", "page");
            JsonObject data = new JsonObject();
            data.addProperty("text/plain", page);
            entry.add("data", data);
            entry.addProperty("start", 0);
            payload.add(entry);
        }
        return payload;
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
        failedAt = Instant.now();
        abortQueued = stopOnError;
    }

    /** Answers an execute request that was queued behind a failed cell with stop_on_error. */
    void abortedExecute(ShellReplyEnvironment env, Message<JsonObject> request) {
        Instant sent = sentAt(request);
        Instant failed = failedAt;
        if (sent != null && failed != null && sent.isAfter(failed)) {
            // Sent after the failure's reply (a client that waited for it and went on): not queued behind the failed
            // cell, so it runs. Without this, a request arriving before the loop looked at its queue was aborted.
            execute(env, request);
            return;
        }
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
    boolean takeAbortQueued() {
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
}
