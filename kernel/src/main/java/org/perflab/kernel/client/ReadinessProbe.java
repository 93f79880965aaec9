package org.perflab.kernel.client;

import com.google.gson.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides when a freshly started kernel is usable: it has answered a kernel_info_request on shell
 * AND a status message of one of those requests has arrived on iopub.
 *
 * <p>Why both, and why it keeps asking (as jupyter_client's wait_for_ready does):
 * <ul>
 *   <li>A SUB socket drops whatever the kernel publishes before the subscription has propagated,
 *       so without the iopub half the first cell's outputs could be lost.</li>
 *   <li>A request sent while the kernel is still starting waits in the DEALER's queue, but the
 *       first message on a new connection is not guaranteed to arrive (measured against ipykernel:
 *       none lost of 80 on shell and control, yet about one in ten on its heartbeat socket), and
 *       one lost request would stall the start until the timeout. A new request every
 *       {@link #PROBE_INTERVAL} costs the kernel next to nothing.</li>
 * </ul>
 */
final class ReadinessProbe {

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /** Longest sleep between checks; the oldest probe's inbox wakes the wait earlier in the common case. */
    private static final long CHECK_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

    private final KernelClient client;
    private final Inboxes inboxes;
    private final List<String> probes = new ArrayList<>();
    private JsonObject kernelInfo;
    private boolean iopubConnected;

    ReadinessProbe(KernelClient client, Inboxes inboxes) {
        this.client = client;
        this.inboxes = inboxes;
    }

    /** @return the kernel_info_reply content */
    JsonObject await(Duration timeout, String iopubEndpoint) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                probes.add(client.request(Channel.SHELL, "kernel_info_request", new JsonObject()));
                long nextProbe = Math.min(deadline, System.nanoTime() + PROBE_INTERVAL.toNanos());
                while (System.nanoTime() < nextProbe) {
                    collect();
                    if (kernelInfo != null && iopubConnected) {
                        return kernelInfo;
                    }
                    client.failIfKernelDied("waiting for kernel_info_reply");
                    awaitNewsOnOldestProbe(Math.min(nextProbe - System.nanoTime(), CHECK_INTERVAL_NANOS));
                }
                if (System.nanoTime() >= deadline) {
                    throw timeout(timeout, iopubEndpoint);
                }
            }
        } finally {
            probes.forEach(inboxes::release);
        }
    }

    private void collect() {
        for (String probe : probes) {
            ParentInbox inbox = inboxes.find(probe);
            if (inbox == null) {
                continue;
            }
            JupyterMessage reply = inbox.reply();
            if (reply != null && kernelInfo == null) {
                kernelInfo = reply.content();
            }
            iopubConnected |= !inbox.drainIopub().isEmpty();
        }
    }

    /** The kernel answers in order, so the oldest probe hears first; its inbox ends the wait at once. */
    private void awaitNewsOnOldestProbe(long nanos) {
        ParentInbox oldest = inboxes.find(probes.get(0));
        if (oldest == null || nanos <= 0) {
            return;
        }
        try {
            oldest.awaitNews(oldest.reply() != null, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("Interrupted while waiting for the kernel to become ready", e);
        }
    }

    private KernelTimeoutException timeout(Duration timeout, String iopubEndpoint) {
        if (kernelInfo == null) {
            return new KernelTimeoutException("No kernel_info_reply to " + probes.size() + " requests within "
                    + timeout.toMillis() + " ms (messages rejected: " + client.rejectedMessageCount()
                    + "); check that the kernel is running and was started with this connection file", timeout);
        }
        return new KernelTimeoutException("The kernel answers on shell but none of its status messages arrived "
                + "on iopub (" + iopubEndpoint + ") within " + timeout.toMillis() + " ms; outputs would be lost. "
                + "Check that the kernel publishes status busy/idle for every request.", timeout);
    }
}
