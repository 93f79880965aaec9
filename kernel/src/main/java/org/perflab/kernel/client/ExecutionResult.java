package org.perflab.kernel.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A finished execution: the execute_reply content and the outputs in nbformat 4 shape.
 *
 * <p>Outputs that carry a display_id stay live: a later update_display_data on the same client
 * rewrites them in place, as a notebook front end would.
 *
 * <p>Two latencies are measured from the moment the request was handed to the socket: until the
 * execute_reply arrived, and until the iopub {@code idle} status arrived. Their maximum is when
 * the execution is complete from a front end's point of view.
 */
public final class ExecutionResult {

    private final String msgId;
    private final JsonObject reply;
    private final List<JsonObject> outputs;
    private final long replyNanos;
    private final long idleNanos;

    ExecutionResult(String msgId, JsonObject reply, List<JsonObject> outputs, long replyNanos, long idleNanos) {
        this.msgId = msgId;
        this.reply = reply;
        this.outputs = Collections.unmodifiableList(outputs);
        this.replyNanos = replyNanos;
        this.idleNanos = idleNanos;
    }

    public String msgId() {
        return msgId;
    }

    /** The execute_reply content. */
    public JsonObject reply() {
        return reply;
    }

    /** {@code ok}, {@code error} or {@code aborted}. */
    public String status() {
        return String.valueOf(JupyterMessage.stringOrNull(reply, "status"));
    }

    /** True when the reply status is ok and no error output was published. */
    public boolean isOk() {
        return "ok".equals(status()) && firstErrorOutput().isEmpty();
    }

    public OptionalInt executionCount() {
        JsonElement count = reply.get("execution_count");
        return count == null || count.isJsonNull() ? OptionalInt.empty() : OptionalInt.of(count.getAsInt());
    }

    /** nbformat outputs: stream, display_data, execute_result, error. */
    public List<JsonObject> outputs() {
        return outputs;
    }

    /**
     * The error of this execution as an nbformat error output: the first one published on iopub,
     * else one built from an error reply; empty when the execution succeeded.
     */
    public Optional<JsonObject> error() {
        Optional<JsonObject> published = firstErrorOutput();
        if (published.isPresent() || "ok".equals(status())) {
            return published;
        }
        JsonObject fromReply = OutputCollector.errorOutput(reply);
        if ("aborted".equals(status())) {
            fromReply.addProperty("ename", "Aborted");
            fromReply.addProperty("evalue", "the kernel aborted this request because an earlier one failed");
        }
        return Optional.of(fromReply);
    }

    /** Concatenated text of the stream outputs named {@code stdout} or {@code stderr}. */
    public String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (JsonObject output : outputs) {
            if ("stream".equals(JupyterMessage.stringOrNull(output, "output_type"))
                    && name.equals(JupyterMessage.stringOrNull(output, "name"))) {
                text.append(JupyterMessage.stringOrNull(output, "text"));
            }
        }
        return text.toString();
    }

    public String stdout() {
        return streamText("stdout");
    }

    public String stderr() {
        return streamText("stderr");
    }

    /** The text/plain of the execute_result, if there was one. */
    public Optional<String> resultText() {
        for (JsonObject output : outputs) {
            if ("execute_result".equals(JupyterMessage.stringOrNull(output, "output_type"))) {
                return Optional.ofNullable(JupyterMessage.stringOrNull(output.getAsJsonObject("data"), "text/plain"));
            }
        }
        return Optional.empty();
    }

    /** From sending the request to receiving execute_reply. */
    public Duration timeToReply() {
        return Duration.ofNanos(replyNanos);
    }

    /** From sending the request to receiving the iopub idle status for it. */
    public Duration timeToIdle() {
        return Duration.ofNanos(idleNanos);
    }

    @Override
    public String toString() {
        return "ExecutionResult{status=" + status() + ", execution_count=" + executionCount() + ", outputs="
                + outputs.size() + ", reply=" + timeToReply().toNanos() / 1000 + " us, idle="
                + timeToIdle().toNanos() / 1000 + " us}";
    }

    private Optional<JsonObject> firstErrorOutput() {
        return outputs.stream()
                .filter(output -> "error".equals(JupyterMessage.stringOrNull(output, "output_type")))
                .findFirst();
    }
}
