package org.perflab.kernel.child;

import java.time.Duration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The child's side of the control connection, and the guarantee that the child never outlives the
 * kernel. It reads interrupt requests and answers whether the cell stopped; when the connection
 * closes (the kernel exited, even by SIGKILL, since the OS closes its sockets) or the kernel
 * process disappears, it halts this JVM.
 */
final class ParentWatch {

    private static final Duration PARENT_POLL = Duration.ofMillis(500);

    private ParentWatch() {
    }

    static void start(Socket control, long kernelPid, ChildExecutionControl ec) throws IOException {
        DataInputStream in = new DataInputStream(control.getInputStream());
        DataOutputStream out = new DataOutputStream(control.getOutputStream());
        Thread reader = new Thread(() -> readRequests(in, out, ec), "perflab-control");
        reader.setDaemon(true);
        reader.start();

        Optional<ProcessHandle> kernel = ProcessHandle.of(kernelPid);
        Thread watch = new Thread(() -> watchParent(kernel), "perflab-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void readRequests(DataInputStream in, DataOutputStream out, ChildExecutionControl ec) {
        try {
            while (true) {
                int request = in.read();
                if (request < 0) {
                    break;
                }
                int answer;
                switch (request) {
                    case ChildProtocol.REQUEST_INTERRUPT: answer = ec.interruptUserCode(); break;
                    case ChildProtocol.REQUEST_AWAIT_STOP: answer = ec.awaitForcedStop(false); break;
                    case ChildProtocol.REQUEST_THREAD_STOP: answer = ec.awaitForcedStop(true); break;
                    default: answer = ChildProtocol.ANSWER_CANNOT_STOP; break;   // not a request this child knows
                }
                out.writeByte(answer);
                out.flush();
            }
        } catch (IOException e) {
            // The kernel is gone: fall through to halt.
        }
        ChildExit.end();
    }

    private static void watchParent(Optional<ProcessHandle> kernel) {
        while (true) {
            if (kernel.isEmpty() || !kernel.get().isAlive()) {
                ChildExit.end();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PARENT_POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
