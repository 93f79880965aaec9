package org.perflab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.perflab.kernel.exec.CodeAssist;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.perflab.kernel.Replies.integer;
import static org.perflab.kernel.Replies.reply;
import static org.perflab.kernel.Replies.string;

/**
 * Answers the questions a frontend asks about code that is not run: complete_request,
 * inspect_request and is_complete_request. A completion or inspection that stalls is answered
 * without suggestions after {@link #ASSIST_TIMEOUT}, on a thread of its own (see {@link AssistThread}).
 */
final class AssistHandlers {

    private static final Logger LOG = Logger.getLogger(AssistHandlers.class.getName());
    /**
     * How long a completion or inspection may take before the frontend is answered without suggestions. The
     * shell channel handles one request at a time, so an analysis that stalls (JShell indexes the class path
     * on its first questions) must not hold up the cells queued behind it.
     */
    static final Duration ASSIST_TIMEOUT = Duration.ofSeconds(10);
    /** How long anything else that uses JShell waits for a late answer to leave it. */
    static final Duration IDLE_PATIENCE = ASSIST_TIMEOUT.multipliedBy(3);

    private final AssistThread assist = new AssistThread(ASSIST_TIMEOUT);
    private final StartingEvaluator evaluator;

    AssistHandlers(StartingEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    void complete(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        String code = string(request.getContent(), "code", "");
        int cursor = integer(request.getContent(), "cursor_pos", code.length());
        JsonObject reply = new JsonObject();
        CodeAssist.Completions completions = ask("completion", codeAssist -> codeAssist.complete(code, cursor),
                new CodeAssist.Completions(List.of(), cursor, cursor));
        JsonArray matches = new JsonArray();
        completions.matches().forEach(matches::add);
        reply.addProperty("status", "ok");
        reply.add("matches", matches);
        reply.addProperty("cursor_start", completions.cursorStart());
        reply.addProperty("cursor_end", completions.cursorEnd());
        reply.add("metadata", new JsonObject());
        reply(env, MessageType.COMPLETE_REPLY, reply);
    }

    void inspect(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        String code = string(request.getContent(), "code", "");
        int cursor = integer(request.getContent(), "cursor_pos", code.length());
        boolean detailed = integer(request.getContent(), "detail_level", 0) > 0;
        String doc = ask("inspection", codeAssist -> codeAssist.inspect(code, cursor, detailed), "");
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

    void isComplete(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception {
        env.setBusyDeferIdle();
        awaitIdle();
        String code = string(request.getContent(), "code", "");
        JsonObject reply = new JsonObject();
        if (code.strip().startsWith("%")) {
            reply.addProperty("status", "complete");
        } else {
            CodeAssist.Completeness completeness = evaluator.await().assist().isComplete(code);
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

    /** Before anything else uses JShell: a completion answered late may still be inside it (see AssistThread). */
    void awaitIdle() throws InterruptedException {
        assist.awaitIdle(IDLE_PATIENCE);
    }

    /**
     * The answer to a code-assist question, or {@code fallback} when it fails (logged) or takes over
     * {@link #ASSIST_TIMEOUT}. A kernel whose evaluator could not start answers with that error.
     */
    private <T> T ask(String what, Function<CodeAssist, T> question, T fallback) throws Exception {
        try {
            CodeAssist codeAssist = evaluator.await().assist();
            return assist.ask(what, () -> question.apply(codeAssist), fallback);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, what + " failed", e);
            return fallback;
        }
    }
}
