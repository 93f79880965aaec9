package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.perflab.kernel.exec.JavaEvaluator;
import org.perflab.kernel.exec.OutputRouter;
import org.perflab.kernel.wire.KernelConnection;

import java.util.concurrent.CompletableFuture;

import static org.perflab.kernel.Replies.bool;
import static org.perflab.kernel.Replies.publish;
import static org.perflab.kernel.Replies.reply;
import static org.perflab.kernel.Replies.string;

/**
 * PerfLab's Java kernel. The cells run in a child JVM through {@link JavaEvaluator}; this class
 * speaks the protocol on a {@link KernelConnection}: it answers every request with a status, hands
 * execute requests to {@link ExecuteHandler} and code questions to {@link AssistHandlers}, answers
 * history from this session, and turns interrupts and shutdowns into calls on the evaluator.
 *
 * <p>It is not a jjava {@code BaseKernel}: jjava's API (eval, inspect, complete, is-complete on
 * strings) would be a second way to reach the same evaluator, and nothing here calls it.
 */
public final class PerfLabKernel {

    private final StartingEvaluator evaluator;
    private final OutputRouter router;
    private final SessionHistory history = new SessionHistory();
    private final AssistHandlers assist;

    PerfLabKernel(JavaEvaluator starting, CompletableFuture<JavaEvaluator> evaluator, OutputRouter router) {
        this.evaluator = new StartingEvaluator(starting, evaluator);
        this.router = router;
        this.assist = new AssistHandlers(this.evaluator);
    }

    /** Registers every handler on the connection. */
    void serve(KernelConnection conn) {
        ExecuteHandler execute = new ExecuteHandler(evaluator, router, assist, history, conn);
        conn.onShell("kernel_info_request", this::kernelInfo);
        conn.onControl("kernel_info_request", this::kernelInfo);
        conn.onShell("execute_request", execute::execute);
        conn.onShell("complete_request", assist::complete);
        conn.onShell("inspect_request", assist::inspect);
        conn.onShell("is_complete_request", assist::isComplete);
        conn.onShell("history_request", this::history);
        conn.onShell("comm_info_request", this::commInfo);
        conn.onControl("comm_info_request", this::commInfo);
        conn.onShell("comm_open", this::commOpen);
        conn.onShell("shutdown_request", this::shutdown);
        conn.onControl("shutdown_request", this::shutdown);
        conn.onControl("interrupt_request", this::interruptRequest);
        conn.abortQueuedExecutesWhen(execute::takeAbortQueued, execute::abortedExecute);
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
        content.addProperty("banner", banner());
        content.add("help_links", new JsonArray());
        content.addProperty("debugger", false);
        reply(env, MessageType.KERNEL_INFO_REPLY, content);
    }

    private static String banner() {
        return "PerfLab Java kernel " + Versions.perflab() + " (JShell in a child JVM) on Java "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    // ---------------------------------------------------------------- history and comms

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
        shutDown();
        env.markForShutdown();
    }

    private void interruptRequest(ShellReplyEnvironment env, Message<JsonObject> request) {
        env.setBusyDeferIdle();
        interrupt();
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply(env, MessageType.INTERRUPT_REPLY, reply);
    }

    /** Interrupts the running cell, or the one whose request is on its way (SIGINT and interrupt_request). */
    void interrupt() {
        evaluator.evenWhileStarting().interrupt();
    }

    /** Ends the child JVM, now or as soon as it has started. */
    void shutDown() {
        evaluator.close();
    }
}
