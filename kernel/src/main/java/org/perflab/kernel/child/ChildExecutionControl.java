package org.perflab.kernel.child;

import com.google.gson.Gson;
import jdk.jshell.execution.DirectExecutionControl;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.time.Duration;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * JShell's execution engine inside the child JVM. It runs each snippet on the command thread, as
 * {@link DirectExecutionControl} does, and adds what a notebook needs: the last value kept as an
 * object so it can be rendered as rich output, an interrupt that keeps the JVM and its state, and
 * the extension commands the kernel's magics use.
 */
final class ChildExecutionControl extends DirectExecutionControl {

    private static final Duration COOPERATIVE_STOP = Duration.ofMillis(250);
    private static final Duration FORCED_STOP = Duration.ofMillis(300);

    private final Renderer renderer = Renderers.create();
    private final Gson gson = new Gson();
    private final Object leaveSignal = new Object();

    private volatile Thread userThread;
    private volatile boolean stopRequested;
    /** The snippet's code has returned and the engine is finishing it: never forced from here. */
    private boolean leaving;
    private volatile Set<Long> threadsBeforeCell = Set.of();
    private Object lastValue;
    private TimeMagicMeter meter;

    ChildExecutionControl() {
        // Initializes ForcedStop now, so its signal exists before the kernel's debugger looks for it.
        ForcedStop.target = null;
    }

    Renderer renderer() {
        return renderer;
    }

    @Override
    protected void clientCodeEnter() {
        stopRequested = false;
        leaving = false;
        userThread = Thread.currentThread();
    }

    @Override
    protected void clientCodeLeave() {
        // First: from here on a forced stop would land in the engine rather than the cell.
        synchronized (leaveSignal) {
            ForcedStop.target = null;
            leaving = true;
        }
        OutputFlusher.flushNow();
        synchronized (leaveSignal) {
            userThread = null;
            leaveSignal.notifyAll();
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value = doitMethod.invoke(null);
        lastValue = value;
        try {
            return valueString(value);
        } catch (RuntimeException | Error e) {
            // A toString() that throws must not break the engine: the kernel renders the value
            // separately and reports the failure as this cell's error.
            return "<toString() threw " + e.getClass().getName() + ">";
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        if (stopRequested && (isStopSignal(cause) || cause instanceof InterruptedException)) {
            throw new StoppedException();
        }
        return super.throwConvertedInvocationException(cause);
    }

    @Override
    protected String throwConvertedOtherException(Throwable ex) throws RunException, InternalException {
        if (stopRequested && isStopSignal(ex)) {
            throw new StoppedException();
        }
        return super.throwConvertedOtherException(ex);
    }

    /**
     * What a forced stop throws into the cell: the debugger's signal, or Thread.stop's ThreadDeath
     * (JDK 17 to 19). ThreadDeath is named, not referenced: it is deprecated for removal.
     */
    private static boolean isStopSignal(Throwable t) {
        return t instanceof ForcedStop || t.getClass().getName().equals("java.lang.ThreadDeath");
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
        switch (command) {
            case ChildProtocol.RENDER_LAST_VALUE:
                return renderLastValue();
            case ChildProtocol.CELL_START:
                threadsBeforeCell = liveThreadIds();
                return null;
            case ChildProtocol.CELL_SWEEP:
                interruptThreadsStartedByCell();
                return null;
            case ChildProtocol.CELL_METER_START:
                meter = TimeMagicMeter.start();
                return null;
            case ChildProtocol.CELL_METER_STOP:
                TimeMagicMeter started = meter;
                meter = null;
                return started == null ? null : started.stop();
            default:
                return super.extensionCommand(command, arg);
        }
    }

    /** Renders the value of the last snippet as a MIME bundle in JSON, or null for a void result or a value already shown. */
    private String renderLastValue() throws RunException {
        Object value = lastValue;
        lastValue = null;
        if (value instanceof org.perflab.display.ShownWhenMade) {
            // It printed itself when it was made (a verdict's PASS or FAIL line); not twice.
            return null;
        }
        try {
            DisplayData data = value == null ? new DisplayData("null") : renderer.render(value);
            return gson.toJson(data);
        } catch (RuntimeException | Error e) {
            // Rendering runs user code (toString, custom renderers): its failure is the cell's error.
            throw (RunException) new UserException(
                    "rendering the cell's value failed: " + e,
                    e.getClass().getName(),
                    e.getStackTrace());
        }
    }

    /**
     * Stops the running snippet cooperatively: an interrupt, so sleeps, blocking queues and the
     * library's load loops end cleanly, and cancellation of registered work that ignores interrupts
     * (JDBC statements). Code that ignores all of that (a busy loop) is published for a forced stop
     * and answered with {@link ChildProtocol#ANSWER_NEEDS_FORCE}; the kernel then stops it (see
     * {@link ForcedStop}) and asks {@link #awaitForcedStop(boolean)}.
     */
    int interruptUserCode() {
        Thread thread = userThread;
        if (thread == null) {
            return ChildProtocol.ANSWER_IDLE;
        }
        stopRequested = true;
        interruptThreadsStartedByCell();
        thread.interrupt();
        org.perflab.env.CancelOnInterrupt.cancelAll();
        if (awaitLeave(thread, COOPERATIVE_STOP)) {
            return ChildProtocol.ANSWER_STOPPED;
        }
        synchronized (leaveSignal) {
            if (userThread == thread && !leaving) {
                ForcedStop.target = thread;
                return ChildProtocol.ANSWER_NEEDS_FORCE;
            }
        }
        // The code returned while we waited; only the engine's own bookkeeping is left.
        return awaitLeave(thread, FORCED_STOP) ? ChildProtocol.ANSWER_STOPPED : ChildProtocol.ANSWER_CANNOT_STOP;
    }

    /**
     * Waits for the snippet to leave after a forced stop. With {@code viaThreadStop} the stop is
     * made here with {@code Thread.stop}, for a kernel without a debugger connection; it throws from
     * JDK 20 on, and the answer is then that the code cannot be stopped.
     */
    @SuppressWarnings("removal")
    int awaitForcedStop(boolean viaThreadStop) {
        Thread thread = ForcedStop.target;
        if (thread == null) {
            return ChildProtocol.ANSWER_STOPPED;   // it left between the interrupt and now
        }
        if (viaThreadStop) {
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                return ChildProtocol.ANSWER_CANNOT_STOP;
            }
        }
        return awaitLeave(thread, FORCED_STOP) ? ChildProtocol.ANSWER_STOPPED : ChildProtocol.ANSWER_CANNOT_STOP;
    }

    private void interruptThreadsStartedByCell() {
        Set<Long> before = threadsBeforeCell;
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> !t.getName().startsWith("perflab-"))
                .forEach(Thread::interrupt);
    }

    private boolean awaitLeave(Thread thread, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (leaveSignal) {
            while (userThread == thread) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return false;
                }
                try {
                    leaveSignal.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Ids of the live threads; cheap, unlike Thread.getAllStackTraces, which walks every stack. */
    private static Set<Long> liveThreadIds() {
        return java.util.Arrays.stream(java.lang.management.ManagementFactory.getThreadMXBean().getAllThreadIds())
                .boxed().collect(Collectors.toSet());
    }
}
