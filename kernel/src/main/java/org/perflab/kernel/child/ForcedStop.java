package org.perflab.kernel.child;

/**
 * The asynchronous exception that ends a cell stuck in code that ignores interrupts, such as
 * {@code while (true) { n++; }}. {@code Thread.stop} throws from JDK 20 on, so the kernel delivers
 * this instead through the debugger interface (JDI's {@code ThreadReference.stop}, which JVMTI still
 * supports on every JDK): it reads {@link #target} and {@link #SIGNAL} from this class in the child
 * and stops that thread with that object. The exception surfaces at the loop's next safepoint poll,
 * which compiled code has anyway, so nothing is added to the cell's own code and its timing.
 */
public final class ForcedStop extends Error {

    private static final long serialVersionUID = 1L;

    /** Field names the kernel's debugger reads; keep in step with the fields below. */
    public static final String TARGET_FIELD = "target";
    public static final String SIGNAL_FIELD = "SIGNAL";

    /** Made once, when the child starts: the debugger cannot create objects in a running thread. */
    static final ForcedStop SIGNAL = new ForcedStop();

    /**
     * The thread running a cell that ignored an interrupt, published only while the kernel may stop
     * it; cleared first thing when user code is left, so a late stop cannot hit the engine itself.
     */
    static volatile Thread target;

    private ForcedStop() {
        // No stack trace: it is thrown into whatever frame the loop is in, and never printed.
        super("the cell was stopped by an interrupt", null, false, false);
    }
}
