package org.perflab.kernel.client;

import com.google.gson.JsonObject;

import java.time.Duration;
import java.util.List;

/**
 * An execute_request in flight. Complete when both its execute_reply and its iopub {@code idle}
 * status have arrived: the reply alone can overtake the last outputs, which travel on iopub.
 *
 * <p>{@link #await(Duration)} may be called again after a timeout, for instance after
 * {@link KernelClient#interrupt(Duration)}, and continues where it stopped. Use one thread per
 * execution: the other methods wait while an {@code await} is in progress.
 */
public final class Execution {

    /** How often a waiting caller checks that the kernel process is still alive. */
    private static final long WATCH_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final KernelClient client;
    private final String msgId;
    private final String code;
    private final ParentInbox inbox;
    private final OutputCollector collector;
    private final long sentNanos;
    private JupyterMessage reply;
    private long idleNanos = -1;
    private ExecutionResult result;

    Execution(KernelClient client, String msgId, String code, ParentInbox inbox, OutputCollector collector,
              long sentNanos) {
        this.client = client;
        this.msgId = msgId;
        this.code = code;
        this.inbox = inbox;
        this.collector = collector;
        this.sentNanos = sentNanos;
    }

    public String msgId() {
        return msgId;
    }

    /**
     * Waits for completion.
     *
     * @throws KernelTimeoutException if reply or idle did not arrive in {@code timeout}; the
     *                                outputs received so far stay available through {@link #outputsSoFar()}
     * @throws KernelDiedException    if the client's {@link KernelWatch} reports the kernel gone
     */
    public synchronized ExecutionResult await(Duration timeout) {
        if (result != null) {
            return result;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                absorbNews();
                if (reply != null && collector.sawIdle()) {
                    return finish();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw timeout(timeout);
                }
                client.failIfKernelDied("waiting for execute_reply to " + msgId);
                inbox.awaitNews(reply != null, Math.min(remaining, WATCH_INTERVAL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("Interrupted while waiting for execute_request " + msgId
                    + "; the kernel may still be running it", e);
        }
    }

    public synchronized boolean isDone() {
        absorbNews();
        return reply != null && collector.sawIdle();
    }

    /** Outputs received so far (nbformat shape); after completion, the final outputs. */
    public synchronized List<JsonObject> outputsSoFar() {
        absorbNews();
        return List.copyOf(collector.outputs());
    }

    private void absorbNews() {
        for (JupyterMessage message : inbox.drainIopub()) {
            boolean wasIdle = collector.sawIdle();
            collector.accept(message);
            if (!wasIdle && collector.sawIdle()) {
                idleNanos = message.receivedNanos() - sentNanos;
            }
        }
        if (reply == null) {
            reply = inbox.reply();
        }
    }

    private ExecutionResult finish() {
        client.release(msgId);
        result = new ExecutionResult(msgId, reply.content(), collector.outputs(),
                reply.receivedNanos() - sentNanos, idleNanos);
        return result;
    }

    private KernelTimeoutException timeout(Duration timeout) {
        return new KernelTimeoutException("execute_request " + msgId + " (code: " + preview(code)
                + ") did not complete within " + timeout.toMillis() + " ms: execute_reply received: "
                + (reply != null ? "yes" : "no") + ", iopub idle received: " + (collector.sawIdle() ? "yes" : "no")
                + ", outputs so far: " + collector.outputs().size()
                + ", messages rejected for bad signature or format: " + client.rejectedMessageCount()
                + ". The kernel may still be running the code; interrupt it or raise "
                + "the timeout.", timeout);
    }

    static String preview(String code) {
        String oneLine = code.strip().replace('\n', ' ');
        return oneLine.length() <= 60 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 57) + "...'";
    }
}
