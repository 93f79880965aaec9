package org.perflab.kernel.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything the kernel said about one request: its reply (shell or control) and the iopub
 * messages whose parent is the request. Filled by the pump thread, drained by the caller.
 */
final class ParentInbox {

    private final String msgId;
    private final ArrayDeque<JupyterMessage> iopub = new ArrayDeque<>();
    private JupyterMessage reply;

    ParentInbox(String msgId) {
        this.msgId = msgId;
    }

    String msgId() {
        return msgId;
    }

    synchronized void deliverReply(JupyterMessage message) {
        reply = message;
        notifyAll();
    }

    synchronized void deliverIopub(JupyterMessage message) {
        iopub.addLast(message);
        notifyAll();
    }

    /** The reply if it has arrived, else {@code null}. */
    synchronized JupyterMessage reply() {
        return reply;
    }

    /** Removes and returns every iopub message received so far, oldest first. */
    synchronized List<JupyterMessage> drainIopub() {
        List<JupyterMessage> drained = new ArrayList<>(iopub);
        iopub.clear();
        return drained;
    }

    /**
     * Waits up to {@code maxWaitNanos} for news: an iopub message, or the reply when the caller
     * does not have it yet. Returns early on news; spurious wake-ups are harmless to callers, who
     * re-check their own state.
     */
    synchronized void awaitNews(boolean callerHasReply, long maxWaitNanos) throws InterruptedException {
        if (!iopub.isEmpty() || (!callerHasReply && reply != null) || maxWaitNanos <= 0) {
            return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, maxWaitNanos);
    }
}
