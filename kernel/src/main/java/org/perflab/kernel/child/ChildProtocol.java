package org.perflab.kernel.child;

/**
 * Everything the kernel and the child JVM must agree on, in one place so the two sides cannot
 * drift apart: how the child introduces its two connections, the names of JShell's multiplexed
 * streams, the display frames, the extension commands the kernel sends through JShell, and the
 * one-byte requests and answers on the control connection.
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

    // ---------------------------------------------------------------- connecting

    /** Environment variable carrying the per-launch secret; environment is not visible to other users. */
    public static final String TOKEN_ENV = "PERFLAB_CHILD_TOKEN";
    /** Roles announced on each connection, after the token, so the kernel can tell them apart. */
    public static final int ROLE_EXECUTION = 'E';
    public static final int ROLE_CONTROL = 'C';

    // ---------------------------------------------------------------- JShell's multiplexed streams

    public static final String STREAM_STDOUT = "out";
    public static final String STREAM_STDERR = "err";
    /** Length-prefixed JSON display frames, see {@link #FRAME_KIND}. */
    public static final String STREAM_DISPLAY = "display";
    public static final String STREAM_STDIN = "in";

    // ---------------------------------------------------------------- display frames

    /** Field naming what a frame does: {@link #KIND_SHOW}, {@link #KIND_UPDATE} or {@link #KIND_CLEAR}. */
    public static final String FRAME_KIND = "kind";
    /** Field of a show or update frame: the rendered MIME bundle. */
    public static final String FRAME_BUNDLE = "bundle";
    /** Field of a clear frame: clear only when the next output arrives. */
    public static final String FRAME_WAIT = "wait";
    public static final String KIND_SHOW = "show";
    public static final String KIND_UPDATE = "update";
    public static final String KIND_CLEAR = "clear";

    // ---------------------------------------------------------------- extension commands

    /** Renders the last snippet's value as a MIME bundle in JSON. */
    public static final String RENDER_LAST_VALUE = "perflab.render";
    /** Starts the %%time meter. */
    public static final String CELL_METER_START = "perflab.meter.start";
    /** Stops the %%time meter and answers its figures in JSON. */
    public static final String CELL_METER_STOP = "perflab.meter.stop";
    /** Sent before a cell's first snippet: threads alive now belong to earlier cells. */
    public static final String CELL_START = "perflab.cell.start";
    /** Sent when an interrupted cell ends: threads it started after the interrupt are interrupted too. */
    public static final String CELL_SWEEP = "perflab.cell.sweep";

    // ---------------------------------------------------------------- control connection

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
