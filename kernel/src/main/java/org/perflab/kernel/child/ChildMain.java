package org.perflab.kernel.child;

import jdk.jshell.execution.Util;
import org.perflab.display.Display;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Entry point of the child JVM that runs the user's cells. The kernel starts it, and it connects
 * back to the kernel twice over loopback: once for JShell's execution protocol (commands, stdout,
 * stderr, display frames) and once for a small control line on which the kernel asks for an
 * interrupt while a cell is busy, since JShell's own command stream is blocked until the cell ends.
 *
 * <p>Both sockets set TCP_NODELAY: without it Nagle's algorithm meets delayed ACKs and every
 * snippet costs about 40 ms more.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long kernelPid = Long.parseLong(args[1]);
        String token = System.getenv(ChildProtocol.TOKEN_ENV);
        if (token == null) {
            throw new IllegalStateException(ChildProtocol.TOKEN_ENV + " is not set: this JVM is started by the PerfLab kernel only");
        }
        ignoreSigint();

        Socket execution = connect(port, token, ChildProtocol.ROLE_EXECUTION);
        Socket control = connect(port, token, ChildProtocol.ROLE_CONTROL);

        ChildExecutionControl ec = new ChildExecutionControl();
        ParentWatch.start(control, kernelPid, ec);

        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put(ChildProtocol.STREAM_STDOUT, st -> System.setOut(bufferedPrintStream(st)));
        outputs.put(ChildProtocol.STREAM_STDERR, st -> System.setErr(bufferedPrintStream(st)));
        outputs.put(ChildProtocol.STREAM_DISPLAY, st -> Display.install(new ChildDisplaySink(st, ec.renderer())));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put(ChildProtocol.STREAM_STDIN, System::setIn);
        OutputFlusher.start();
        Util.forwardExecutionControlAndIO(ec, execution.getInputStream(), execution.getOutputStream(), outputs, inputs);
        // The command loop ends when the kernel closes the connection: nothing is left to do.
        ChildExit.end();
    }

    private static Socket connect(int port, String token, int role) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeUTF(token);
        out.writeByte(role);
        out.flush();
        return socket;
    }

    /**
     * A print stream that buffers and is flushed by {@link OutputFlusher} every few milliseconds and
     * at the end of each snippet: one socket write per println would make a cell that prints a
     * million lines spend its time in system calls.
     */
    private static PrintStream bufferedPrintStream(OutputStream raw) {
        return new PrintStream(new BufferedOutputStream(raw, 1 << 16), false, StandardCharsets.UTF_8);
    }

    /**
     * Jupyter interrupts by signalling the kernel's whole process group, which includes this JVM.
     * The kernel turns that signal into a precise interrupt of the running cell, so this JVM must
     * not die of it.
     */
    @SuppressWarnings("restriction")
    private static void ignoreSigint() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Platforms without SIGINT: nothing to ignore.
        }
    }
}
