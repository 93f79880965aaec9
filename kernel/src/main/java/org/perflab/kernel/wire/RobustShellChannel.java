package org.perflab.kernel.wire;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A shell or control socket that keeps answering whatever arrives. jjava-jupyter's channel polls
 * every 50 ms (adding up to 50 ms to each request), lets one exception end its loop, and blocks
 * forever on a message without a delimiter. This one waits in a blocking poll, reads a whole
 * multipart message before parsing it, drops what {@link WireFormat} rejects, and catches every
 * {@link Throwable} a handler throws.
 */
final class RobustShellChannel extends ShellChannel {

    private static final Logger LOG = Logger.getLogger(RobustShellChannel.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);

    private final String role;
    private final WireFormat wire;
    private final Map<String, RequestHandler> handlers;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;
    private final Runnable onShutdown;
    private volatile boolean running;
    private Thread loop;
    /** Consulted after each request: true while queued execute requests must be aborted. */
    private volatile BooleanSupplier abortQueued = () -> false;
    private volatile RequestHandler abortHandler;

    RobustShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, WireFormat wire,
                       Map<String, RequestHandler> handlers, StdinChannel stdin, IOPubChannel iopub,
                       Runnable onShutdown) {
        super(context, hmac, isControl, null);
        this.role = isControl ? "control" : "shell";
        this.wire = wire;
        this.handlers = handlers;
        this.stdin = stdin;
        this.iopub = iopub;
        this.onShutdown = onShutdown;
    }

    /** After an error with stop_on_error, execute requests already queued are answered "aborted". */
    void abortQueuedExecutesWhen(BooleanSupplier condition, RequestHandler abortedReply) {
        this.abortQueued = condition;
        this.abortHandler = abortedReply;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        int port = role.equals("control") ? props.getControlPort() : props.getShellPort();
        String address = props.getTransport() + "://" + props.getIp() + ":" + port;
        bind(address);
        running = true;
        loop = new Thread(this::run, "perflab-" + role);
        loop.start();
    }

    private void run() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(POLL.toMillis()) <= 0) {
                    continue;
                }
                handleOne(false);
                if (abortQueued.getAsBoolean()) {
                    while (running && poller.poll(0) > 0) {
                        handleOne(true);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.log(Level.SEVERE, role + " loop failed; the kernel cannot answer on this channel", e);
            }
        } finally {
            poller.close();
        }
    }

    private void handleOne(boolean aborting) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = recv(ZMQ.DONTWAIT);
            if (frame == null) {
                break;
            }
            frames.add(frame);
        } while (hasReceiveMore());
        if (frames.isEmpty()) {
            return;
        }
        Message<JsonObject> message;
        try {
            message = wire.decode(frames);
        } catch (WireException e) {
            LOG.warning(role + ": " + e.getMessage());
            return;
        }
        String type = message.getHeader().getType().getName();
        RequestHandler handler = aborting && "execute_request".equals(type) ? abortHandler : handlers.get(type);
        if (handler == null) {
            LOG.warning(role + ": no handler for message type '" + rawType(message) + "': ignored");
            return;
        }
        ReplyEnv env = new ReplyEnv(this, stdin, iopub, message);
        try {
            handler.handle(env, message);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, role + ": handling " + type + " failed", t);
        } finally {
            try {
                env.resolveDeferrals();
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, role + ": sending the reply to " + type + " failed", t);
            }
        }
        if (env.isMarkedForShutdown()) {
            running = false;
            onShutdown.run();
        }
    }

    private static String rawType(Message<JsonObject> message) {
        return message.getHeader().getType().getName();
    }

    @Override
    public void close() {
        running = false;
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
