package org.perflab.kernel.child;

import com.google.gson.Gson;
import jdk.jshell.execution.DirectExecutionControl;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * JShell's execution engine inside the child JVM. It runs each snippet on the command thread, as
 * {@link DirectExecutionControl} does, and adds what a notebook needs: the last value kept as an
 * object so it can be rendered as rich output, an interrupt that works without JDI, and the
 * extension commands the kernel's magics use.
 */
final class ChildExecutionControl extends DirectExecutionControl {

    /** Extension commands understood here; the kernel sends them with {@code extensionCommand}. */
    static final String RENDER_LAST_VALUE = "perflab.render";
    static final String CELL_METER_START = "perflab.meter.start";
    static final String CELL_METER_STOP = "perflab.meter.stop";
    /** Sent before a cell's first snippet: threads alive now belong to earlier cells. */
    static final String CELL_START = "perflab.cell.start";
    /** Sent when an interrupted cell ends: threads it started after the interrupt are interrupted too. */
    static final String CELL_SWEEP = "perflab.cell.sweep";

    private static final long COOPERATIVE_STOP_MS = 250;
    private static final long FORCED_STOP_MS = 300;

    private final Renderer renderer = Renderers.create();
    private final Gson gson = new Gson();
    private final Object leaveSignal = new Object();

    private volatile Thread userThread;
    private volatile boolean stopRequested;
    private volatile Set<Long> threadsBeforeCell = Set.of();
    private Object lastValue;
    private CellMeter meter;

    Renderer renderer() {
        return renderer;
    }

    @Override
    protected void clientCodeEnter() {
        stopRequested = false;
        userThread = Thread.currentThread();
    }

    @Override
    protected void clientCodeLeave() {
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
        if (stopRequested && (cause instanceof ThreadDeath || cause instanceof InterruptedException)) {
            throw new StoppedException();
        }
        return super.throwConvertedInvocationException(cause);
    }

    @Override
    protected String throwConvertedOtherException(Throwable ex) throws RunException, InternalException {
        if (stopRequested && ex instanceof ThreadDeath) {
            throw new StoppedException();
        }
        return super.throwConvertedOtherException(ex);
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
        switch (command) {
            case RENDER_LAST_VALUE:
                return renderLastValue();
            case CELL_START:
                threadsBeforeCell = liveThreadIds();
                return null;
            case CELL_SWEEP:
                interruptThreadsStartedByCell();
                return null;
            case CELL_METER_START:
                meter = CellMeter.start();
                return null;
            case CELL_METER_STOP:
                CellMeter started = meter;
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
     * Stops the running snippet: an interrupt first, so cooperative code (sleeps, blocking queues,
     * the library's load loops) ends cleanly; then {@code Thread.stop} for a busy loop where the JDK
     * still supports it (17 to 19). Answers whether the snippet left user code in time; when it did
     * not, the kernel replaces this JVM.
     */
    @SuppressWarnings("removal")
    int interruptUserCode() {
        Thread thread = userThread;
        if (thread == null) {
            return ParentWatch.ANSWER_IDLE;
        }
        stopRequested = true;
        interruptThreadsStartedByCell();
        thread.interrupt();
        // JDBC statements and other registered work that ignores interrupts are cancelled here.
        org.perflab.env.CancelOnInterrupt.cancelAll();
        if (awaitLeave(thread, COOPERATIVE_STOP_MS)) {
            return ParentWatch.ANSWER_STOPPED;
        }
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            return ParentWatch.ANSWER_CANNOT_STOP;
        }
        return awaitLeave(thread, FORCED_STOP_MS) ? ParentWatch.ANSWER_STOPPED : ParentWatch.ANSWER_CANNOT_STOP;
    }

    private void interruptThreadsStartedByCell() {
        Set<Long> before = threadsBeforeCell;
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> !t.getName().startsWith("perflab-"))
                .forEach(Thread::interrupt);
    }

    private boolean awaitLeave(Thread thread, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
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
