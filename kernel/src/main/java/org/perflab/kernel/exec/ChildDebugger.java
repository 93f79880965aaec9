package org.perflab.kernel.exec;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.connect.ListeningConnector;
import com.sun.jdi.event.EventSet;
import org.perflab.env.ChildProcesses;
import org.perflab.kernel.child.ForcedStop;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kernel's debugger connection to the child JVM, for one job: stopping a cell whose code ignores
 * interrupts ({@code while (true) { n++; }}) without losing the JVM and the session's state.
 * {@code Thread.stop} throws from JDK 20 on; the debugger interface's {@code ThreadReference.stop}
 * (JVMTI StopThread) works on every JDK from 17 to 25 and adds nothing to the cell's code: the
 * exception arrives at a safepoint poll the compiled loop has anyway.
 *
 * <p>The kernel listens on loopback and the child's JDWP agent connects out to it while the child
 * starts ({@code server=n}), so the child never listens for a debugger anyone else could attach.
 * {@code PERFLAB_FORCED_STOP=off} starts the child without the agent (for measuring its cost); a
 * busy loop then costs the JVM on JDK 20 and later.
 */
final class ChildDebugger implements AutoCloseable {

    /** Set to {@code off} in the kernel's environment to start cells' JVMs without the agent. */
    private static final int LISTEN_ATTEMPTS = 5;

    private final VirtualMachine vm;

    private ChildDebugger(VirtualMachine vm) {
        this.vm = vm;
        Thread events = new Thread(this::drainEvents, "perflab-debugger-events");
        events.setDaemon(true);
        events.start();
    }

    static boolean enabled() {
        return !ChildJvm.FORCED_STOP_OFF.equalsIgnoreCase(System.getenv(ChildJvm.FORCED_STOP_ENV));
    }

    /**
     * Starts listening for the child's agent, or answers empty when forced stops are switched off or
     * this JDK has no debugger interface (a runtime without the jdk.jdi module).
     */
    static Optional<Listener> listen(int acceptTimeoutMs) {
        if (!enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Listener(acceptTimeoutMs));
        } catch (IOException | IllegalConnectorArgumentsException | LinkageError | RuntimeException e) {
            System.err.println("PerfLab: no debugger connection for forced stops (" + e
                    + "); a busy loop that ignores an interrupt will cost the cells' JVM on JDK 20 and later");
            return Optional.empty();
        }
    }

    /** A loopback socket the child's JDWP agent connects to as it starts; accepted on a thread of its own. */
    static final class Listener {
        private final ListeningConnector connector;
        private final Map<String, Connector.Argument> args;
        private final String address;
        private final CompletableFuture<VirtualMachine> accepted = new CompletableFuture<>();
        /** Whether {@link #connection} handed the connection out; one not taken is disposed. */
        private volatile boolean taken;

        private Listener(int acceptTimeoutMs) throws IOException, IllegalConnectorArgumentsException {
            connector = Bootstrap.virtualMachineManager().listeningConnectors().stream()
                    .filter(c -> c.name().equals("com.sun.jdi.SocketListen"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("this JDK has no socket listening connector"));
            args = connector.defaultArguments();
            args.get("localAddress").setValue("127.0.0.1");
            args.get("timeout").setValue(Integer.toString(acceptTimeoutMs));
            address = startListening();
            // Not the common pool: the child itself is launched from it, and it may have one thread.
            Thread acceptor = new Thread(this::accept, "perflab-debugger-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /**
         * Listens below the ephemeral range, as the child's own connection does (see ChildJvm), retrying
         * when another process takes the chosen port first.
         */
        private String startListening() throws IOException, IllegalConnectorArgumentsException {
            IOException last = null;
            for (int attempt = 0; attempt < LISTEN_ATTEMPTS; attempt++) {
                args.get("port").setValue(Integer.toString(ChildProcesses.freeLoopbackPort()));
                try {
                    return connector.startListening(args);
                } catch (IOException taken) {
                    last = taken;
                }
            }
            throw last;
        }

        private void accept() {
            try {
                accepted.complete(connector.accept(args));
            } catch (IOException | IllegalConnectorArgumentsException | RuntimeException e) {
                accepted.completeExceptionally(e);
            } finally {
                stopListening();
            }
        }

        /** The option that makes the child's agent connect here, suspending nothing. */
        String agentOption() {
            return "-agentlib:jdwp=transport=dt_socket,server=n,suspend=n,address=" + address;
        }

        /** The connection, once the child is up; empty (with a line in the kernel log) if it never came. */
        Optional<ChildDebugger> connection(long timeoutMs) {
            try {
                VirtualMachine vm = accepted.get(timeoutMs, TimeUnit.MILLISECONDS);
                taken = true;
                return Optional.of(new ChildDebugger(vm));
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("PerfLab: the cells' JVM did not connect its debugger (" + e.getCause()
                        + "); a busy loop that ignores an interrupt will cost that JVM on JDK 20 and later");
                abandon();
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon();
                return Optional.empty();
            }
        }

        /** Stops listening; a connection that was not handed out (it came late, or the launch failed) is disposed. */
        void abandon() {
            stopListening();
            accepted.thenAccept(vm -> {
                if (!taken) {
                    disposeQuietly(vm);
                }
            });
        }

        private void stopListening() {
            try {
                connector.stopListening(args);
            } catch (IOException | IllegalConnectorArgumentsException | RuntimeException ignored) {
                // Already stopped: accept stops listening when it returns, abandon may come second.
            }
        }
    }

    /**
     * Throws {@link ForcedStop} into the thread the child published as stuck in a cell. Answers
     * whether it was thrown; false when the cell has left user code meanwhile (nothing to stop) or
     * the connection failed (the caller then falls back to {@code Thread.stop} in the child).
     */
    boolean stopCell() {
        try {
            List<ReferenceType> types = vm.classesByName(ForcedStop.class.getName());
            if (types.isEmpty()) {
                return false;
            }
            ReferenceType type = types.get(0);
            Field targetField = type.fieldByName(ForcedStop.TARGET_FIELD);
            Value target = type.getValue(targetField);
            if (!(target instanceof ThreadReference)) {
                return false;
            }
            ThreadReference thread = (ThreadReference) target;
            ObjectReference signal = (ObjectReference) type.getValue(type.fieldByName(ForcedStop.SIGNAL_FIELD));
            thread.suspend();
            try {
                // Looked at again while the thread stands still: it may have left the cell since.
                if (!thread.equals(type.getValue(targetField)) || inEngine(thread)) {
                    return false;
                }
                thread.stop(signal);
                return true;
            } finally {
                thread.resume();
            }
        } catch (RuntimeException | InvalidTypeException | IncompatibleThreadStateException e) {
            System.err.println("PerfLab: the debugger could not stop the cell: " + e);
            return false;
        }
    }

    /** Whether the thread is already in the engine's code that follows a snippet, where no stop may land. */
    private static boolean inEngine(ThreadReference thread) throws IncompatibleThreadStateException {
        for (StackFrame frame : thread.frames()) {
            if (frame.location().method().name().equals("clientCodeLeave")) {
                return true;
            }
        }
        return false;
    }

    private void drainEvents() {
        // Only the start and death events come (no requests are made); resume them so none holds a thread.
        try {
            while (true) {
                EventSet events = vm.eventQueue().remove();
                events.resume();
            }
        } catch (InterruptedException | RuntimeException e) {
            // The child ended or the connection was disposed (VMDisconnectedException).
        }
    }

    @Override
    public void close() {
        disposeQuietly(vm);
    }

    private static void disposeQuietly(VirtualMachine vm) {
        try {
            vm.dispose();
        } catch (RuntimeException ignored) {
            // The child is gone already.
        }
    }
}
