package org.perflab.kernel.wire;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * The kernel's five sockets, bound to exactly the address in the connection file: jjava-jupyter's
 * IOPub and stdin channels as they are, and robust shell, control and heartbeat loops in place of
 * its own.
 */
public final class KernelConnection implements AutoCloseable {

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final Map<String, RequestHandler> shellHandlers = new ConcurrentHashMap<>();
    private final Map<String, RequestHandler> controlHandlers = new ConcurrentHashMap<>();
    private final IOPubChannel iopub;
    private final StdinChannel stdin;
    private final RobustShellChannel shell;
    private final RobustShellChannel control;
    private final CountDownLatch closed = new CountDownLatch(1);
    private HeartbeatEcho heartbeat;

    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        this.props = props;
        boolean signed = props.getKey() != null && !props.getKey().isEmpty();
        HMACGenerator hmac = signed ? props.createHMACGenerator() : HMACGenerator.NO_AUTH_INSTANCE;
        WireFormat wire = new WireFormat(signed ? MessageSigner.forScheme(props.getSignatureScheme(), props.getKey())
                : MessageSigner.forKey(""));
        this.iopub = new IOPubChannel(context, hmac);
        this.stdin = new StdinChannel(context, hmac);
        this.shell = new RobustShellChannel(context, hmac, false, wire, shellHandlers, stdin, iopub, this::closeAsync);
        this.control = new RobustShellChannel(context, hmac, true, wire, controlHandlers, stdin, iopub, this::closeAsync);
    }

    /** Registers a handler for a shell request type; most kernels also answer it on control. */
    public void onShell(String msgType, RequestHandler handler) {
        shellHandlers.put(msgType, handler);
    }

    public void onControl(String msgType, RequestHandler handler) {
        controlHandlers.put(msgType, handler);
    }

    public void abortQueuedExecutesWhen(BooleanSupplier condition, RequestHandler abortedReply) {
        shell.abortQueuedExecutesWhen(condition, abortedReply);
    }

    public IOPubChannel iopub() {
        return iopub;
    }

    /** Binds every socket and announces the kernel as starting. */
    public void connect() {
        iopub.bind(props);
        stdin.bind(props);
        heartbeat = new HeartbeatEcho(context, props.getTransport() + "://" + props.getIp() + ":" + props.getHbPort());
        control.bind(props);
        shell.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    /** Blocks until a shutdown request (or {@link #close}) ends the connection. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    private void closeAsync() {
        Thread closer = new Thread(this::close, "perflab-close");
        closer.start();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        shell.close();
        control.close();
        if (heartbeat != null) {
            heartbeat.close();
        }
        stdin.close();
        iopub.close();
        context.close();
        closed.countDown();
    }
}
