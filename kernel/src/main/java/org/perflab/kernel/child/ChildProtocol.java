package org.perflab.kernel.child;

/**
 * The bytes the kernel and the child JVM exchange on the control connection, in one place so the
 * two sides cannot drift apart. Each request is one byte; each answer is one byte.
 *
 * <p>An interrupt goes: {@link #REQUEST_INTERRUPT}; the child interrupts the cell's threads and
 * waits briefly. It answers {@link #ANSWER_STOPPED}, {@link #ANSWER_IDLE} (no user code runs), or
 * {@link #ANSWER_NEEDS_FORCE} when the code ignored the interrupt (a busy loop). The kernel then
 * either stops the thread itself through the debugger connection and sends
 * {@link #REQUEST_AWAIT_STOP}, or, without a debugger, sends {@link #REQUEST_THREAD_STOP} so the
 * child tries {@code Thread.stop} (JDK 17 to 19 only). Both are answered with
 * {@link #ANSWER_STOPPED} or {@link #ANSWER_CANNOT_STOP}.
 */
public final class ChildProtocol {

    public static final int REQUEST_INTERRUPT = 'I';
    public static final int REQUEST_AWAIT_STOP = 'W';
    public static final int REQUEST_THREAD_STOP = 'T';

    public static final int ANSWER_STOPPED = 'S';
    public static final int ANSWER_IDLE = 'N';
    public static final int ANSWER_NEEDS_FORCE = 'D';
    public static final int ANSWER_CANNOT_STOP = 'F';

    private ChildProtocol() {
    }
}
