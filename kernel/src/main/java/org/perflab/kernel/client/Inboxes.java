package org.perflab.kernel.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inboxes of the most recent requests, by msg_id. An inbox is opened before its request is
 * sent, so no reply or iopub message can arrive ahead of it.
 *
 * <p>Bounded: a benchmark that sends a million requests and never collects their iopub messages
 * must not keep them all. The oldest inbox is dropped past {@link #capacity}; messages for a
 * dropped or unknown parent go only to the global iopub listeners.
 */
final class Inboxes {

    private final int capacity;
    private final Map<String, ParentInbox> byMsgId;

    Inboxes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("inbox capacity was " + capacity + "; it must be at least 1");
        }
        this.capacity = capacity;
        this.byMsgId = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ParentInbox> eldest) {
                return size() > Inboxes.this.capacity;
            }
        };
    }

    int capacity() {
        return capacity;
    }

    synchronized ParentInbox open(String msgId) {
        return byMsgId.computeIfAbsent(msgId, ParentInbox::new);
    }

    /** The inbox of a request, or {@code null} if this client did not send it or has dropped it. */
    synchronized ParentInbox find(String msgId) {
        return msgId == null ? null : byMsgId.get(msgId);
    }

    synchronized void release(String msgId) {
        byMsgId.remove(msgId);
    }
}
