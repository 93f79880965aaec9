package org.perflab.kernel.client;

import java.util.Locale;

/**
 * The five sockets of the Jupyter wire protocol, each named by the key its port has in a
 * connection file.
 */
public enum Channel {
    /** Requests and replies: execute, complete, inspect, kernel_info. */
    SHELL("shell_port"),
    /** Broadcast side effects: status, streams, displays, results, errors. */
    IOPUB("iopub_port"),
    /** The kernel asks the client for input (input_request / input_reply). */
    STDIN("stdin_port"),
    /** Shell-like, but served even while the shell is busy: interrupt, shutdown. */
    CONTROL("control_port"),
    /** Echo socket: whatever is sent comes back while the kernel process is alive. */
    HEARTBEAT("hb_port");

    private final String portKey;

    Channel(String portKey) {
        this.portKey = portKey;
    }

    /** The key of this channel's port in a connection file, e.g. {@code shell_port}. */
    public String portKey() {
        return portKey;
    }

    /** Lower-case name as it appears in logs and in the spec, e.g. {@code iopub}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
