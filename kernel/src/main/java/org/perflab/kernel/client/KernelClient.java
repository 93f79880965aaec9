package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import org.zeromq.ZContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Jupyter client over the real wire protocol (messaging spec v5.3): DEALER sockets for shell,
 * control and stdin, a SUB socket for iopub, a REQ socket for the heartbeat.
 *
 * <p>Every outgoing message is signed with the connection key and every incoming one verified
 * (HMAC-SHA256, constant-time compare); messages that fail are dropped and counted in
 * {@link #rejectedMessageCount()}. One thread owns the sockets and sorts incoming messages into a
 * per-request inbox by parent msg_id, so callers never touch ZeroMQ directly.
 *
 * <pre>{@code
 * try (KernelClient client = KernelClient.connect(ConnectionInfo.readFrom(file))) {
 *     client.waitForReady(Duration.ofSeconds(30));
 *     ExecutionResult result = client.execute("1 + 1", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Thread-safe for sending; each {@link Execution} should be awaited by one thread.
 */
public final class KernelClient implements AutoCloseable {

    /** How many recent requests keep an inbox for their reply and iopub messages. */
    public static final int DEFAULT_INBOX_CAPACITY = 1024;
    private static final long WATCH_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final ConnectionInfo connectionInfo;
    private final MessageFactory messages;
    private final ClientCodec codec;
    private final ZContext context;
    private final Inboxes inboxes;
    private final DisplayRegistry displays = new DisplayRegistry();
    private final KernelWatch kernelWatch;
    private final MessageRouter router;
    private final SocketPump pump;
    private final HeartbeatPing heartbeat;
    private volatile JsonObject kernelInfo;
    private volatile boolean closed;

    private KernelClient(Builder builder) {
        this.connectionInfo = builder.connectionInfo;
        this.messages = new MessageFactory(builder.session, builder.username, builder.clock);
        this.codec = ClientCodec.forKey(connectionInfo.key());
        this.inboxes = new Inboxes(builder.inboxCapacity);
        this.kernelWatch = builder.kernelWatch;
        this.router = new MessageRouter(inboxes, builder.inputHandler, messages, this::send);
        this.heartbeat = new HeartbeatPing(connectionInfo.endpoint(Channel.HEARTBEAT));
        this.context = new ZContext();
        this.pump = new SocketPump(context, connectionInfo, builder.session.getBytes(StandardCharsets.UTF_8), codec,
                router);
    }

    /** Connects with default settings; call {@link #waitForReady(Duration)} before the first request. */
    public static KernelClient connect(ConnectionInfo connectionInfo) {
        return builder(connectionInfo).build();
    }

    public static Builder builder(ConnectionInfo connectionInfo) {
        return new Builder(connectionInfo);
    }

    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    /** The session id carried in every header this client sends. */
    public String session() {
        return messages.session();
    }

    // ---------------------------------------------------------------- requests and replies

    /**
     * Sends a request on shell or control and returns its msg_id; the reply and the iopub messages
     * it causes are kept for {@link #awaitReply} and {@link #drainIopub}.
     */
    public String request(Channel channel, String msgType, JsonObject content) {
        return send(messages.request(channel, msgType, content));
    }

    /** Sends an execute_request and returns its msg_id, without collecting outputs. */
    public String executeRequest(String code, ExecuteOptions options) {
        return request(Channel.SHELL, "execute_request", options.toContent(code));
    }

    /**
     * Waits for the reply to a request this client sent.
     *
     * @throws KernelTimeoutException if no reply arrives in time
     * @throws KernelDiedException    if the kernel watch reports the kernel gone
     */
    public JupyterMessage awaitReply(String msgId, Duration timeout) {
        ParentInbox inbox = inboxes.find(msgId);
        if (inbox == null) {
            throw new IllegalArgumentException("No request with msg_id " + msgId + " is pending on this client; "
                    + "await only ids returned by request(), at most " + inboxes.capacity() + " requests back, "
                    + "and not after release()");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JupyterMessage reply = inbox.reply();
                if (reply != null) {
                    return reply;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new KernelTimeoutException("No reply to request " + msgId + " within "
                            + timeout.toMillis() + " ms (messages rejected: " + router.describeRejections()
                            + "); check that the kernel is running and was started with this connection file (shell "
                            + connectionInfo.endpoint(Channel.SHELL) + ", control "
                            + connectionInfo.endpoint(Channel.CONTROL) + ")", timeout);
                }
                failIfKernelDied("waiting for the reply to " + msgId);
                inbox.awaitNews(false, Math.min(remaining, WATCH_INTERVAL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("Interrupted while waiting for the reply to " + msgId, e);
        }
    }

    /** Removes and returns the iopub messages received so far for a request, oldest first. */
    public List<JupyterMessage> drainIopub(String parentMsgId) {
        ParentInbox inbox = inboxes.find(parentMsgId);
        return inbox == null ? List.of() : inbox.drainIopub();
    }

    /** Forgets a request's inbox; later messages for it reach only the global iopub listeners. */
    public void release(String msgId) {
        inboxes.release(msgId);
    }

    /** Called on the socket thread for every iopub message, including those of other clients. */
    public void addIopubListener(Consumer<JupyterMessage> listener) {
        router.addIopubListener(Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- execution

    /** Sends code for execution and returns a handle that collects its outputs. */
    public Execution submit(String code, ExecuteOptions options) {
        JupyterMessage request = messages.request(Channel.SHELL, "execute_request", options.toContent(code));
        ParentInbox inbox = inboxes.open(request.msgId());
        long sentNanos = System.nanoTime();
        send(request);
        return new Execution(this, request.msgId(), code, inbox, new OutputCollector(displays), sentNanos);
    }

    /** Executes code with default options and waits for its reply and its iopub idle. */
    public ExecutionResult execute(String code, Duration timeout) {
        return execute(code, ExecuteOptions.defaults(), timeout);
    }

    public ExecutionResult execute(String code, ExecuteOptions options, Duration timeout) {
        return submit(code, options).await(timeout);
    }

    // ---------------------------------------------------------------- kernel lifecycle

    /** Sends kernel_info_request and returns the reply content (language_info, protocol_version...). */
    public JsonObject kernelInfo(Duration timeout) {
        String msgId = request(Channel.SHELL, "kernel_info_request", new JsonObject());
        try {
            JsonObject info = awaitReply(msgId, timeout).content();
            kernelInfo = info;
            return info;
        } finally {
            release(msgId);
        }
    }

    /** The last kernel_info_reply content this client received, or {@code null} before any. */
    public JsonObject lastKernelInfo() {
        return kernelInfo;
    }

    /**
     * Waits until the kernel answers kernel_info_request on shell and its status messages reach
     * this client on iopub; see {@link ReadinessProbe} for why both, and why it keeps asking.
     *
     * @return the kernel_info_reply content
     */
    public JsonObject waitForReady(Duration timeout) {
        JsonObject info = new ReadinessProbe(this, inboxes).await(timeout, connectionInfo.endpoint(Channel.IOPUB));
        kernelInfo = info;
        return info;
    }

    /** Sends interrupt_request on control and waits for interrupt_reply. */
    public void interrupt(Duration timeout) {
        String msgId = request(Channel.CONTROL, "interrupt_request", new JsonObject());
        try {
            awaitReply(msgId, timeout);
        } finally {
            release(msgId);
        }
    }

    /**
     * Sends shutdown_request on control and waits for shutdown_reply. With {@code restart} the
     * kernel expects whoever started it to start it again; this client does not.
     */
    public JsonObject shutdown(boolean restart, Duration timeout) {
        JsonObject content = new JsonObject();
        content.addProperty("restart", restart);
        String msgId = request(Channel.CONTROL, "shutdown_request", content);
        try {
            return awaitReply(msgId, timeout).content();
        } finally {
            release(msgId);
        }
    }

    /** True if the heartbeat echoes within {@code timeout}. */
    public boolean isAlive(Duration timeout) {
        try {
            heartbeatRoundTrip(timeout);
            return true;
        } catch (KernelTimeoutException e) {
            return false;
        }
    }

    /** Times one heartbeat echo; for benchmarks of the bare transport. */
    public Duration heartbeatRoundTrip(Duration timeout) {
        ensureOpen("heartbeat");
        return heartbeat.roundTrip(timeout);
    }

    /** Messages dropped because their signature or framing was invalid. */
    public long rejectedMessageCount() {
        return router.rejectedCount();
    }

    /** Closes the sockets. Does not shut the kernel down; see {@link #shutdown(boolean, Duration)}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pump.close();
        context.close();
        heartbeat.close();
    }

    // ---------------------------------------------------------------- internals

    void failIfKernelDied(String during) {
        String notice = kernelWatch.deathNotice();
        if (notice != null) {
            throw new KernelDiedException("The kernel died while " + during + ": " + notice);
        }
    }

    private String send(JupyterMessage message) {
        ensureOpen(message.msgType());
        if (message.channel() != Channel.STDIN) {
            inboxes.open(message.msgId());
        }
        pump.send(message.channel(), codec.encode(message));
        return message.msgId();
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new KernelException("Cannot send " + what + ": this KernelClient is closed; connect a new one");
        }
    }

    /** Settings of a {@link KernelClient}; only the connection info is required. */
    public static final class Builder {
        private final ConnectionInfo connectionInfo;
        private String session = UUID.randomUUID().toString();
        private String username = System.getProperty("user.name", "perflab");
        private Clock clock = Clock.systemUTC();
        private KernelWatch kernelWatch = KernelWatch.NONE;
        private InputHandler inputHandler = InputHandler.EMPTY_LINE;
        private int inboxCapacity = DEFAULT_INBOX_CAPACITY;

        private Builder(ConnectionInfo connectionInfo) {
            this.connectionInfo = Objects.requireNonNull(connectionInfo, "connectionInfo");
        }

        public Builder session(String session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The clock that stamps header dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Lets waits end early with the reason when the kernel process dies. */
        public Builder kernelWatch(KernelWatch kernelWatch) {
            this.kernelWatch = Objects.requireNonNull(kernelWatch, "kernelWatch");
            return this;
        }

        /** Answers input_request when an execution allowed stdin; defaults to an empty line. */
        public Builder inputHandler(InputHandler inputHandler) {
            this.inputHandler = Objects.requireNonNull(inputHandler, "inputHandler");
            return this;
        }

        public Builder inboxCapacity(int inboxCapacity) {
            this.inboxCapacity = inboxCapacity;
            return this;
        }

        public KernelClient build() {
            return new KernelClient(this);
        }
    }
}
