package org.perflab.kernel.exec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides which cell an interrupt is for and keeps sending it to the child until the cell's code
 * has stopped or the cell has ended. An interrupt is never dropped: one that finds no cell running
 * (it overtook the execute_request on its way to the shell thread, or came between cells), and one
 * that came too late to stop anything in its cell (the code had finished; the value was being
 * shown), is kept and applied to the next cell if that cell's request was sent before the
 * interrupt arrived; a cell sent after it, or one starting more than {@link #PENDING_LIFETIME}
 * later, is left alone.
 */
final class CellInterrupts {

    /** The child JVM as the interrupt sees it. */
    interface Child {
        /** Sends an interrupt now: STOPPED, IDLE when no user code runs (compiling, the JVM starting), CANNOT_STOP. */
        ChildJvm.InterruptOutcome interruptNow();

        /** Ends a child that could not stop its code; the cell then fails and a fresh child is started. */
        void end();
    }

    /** How long an interrupt waiting for the next cell is kept. */
    static final Duration PENDING_LIFETIME = Duration.ofSeconds(30);

    private final Child child;
    private final Clock clock;
    private final Duration retry;

    /** Guards the cell boundary against an interrupt meant for the cell before it. */
    private final Object boundary = new Object();
    private volatile boolean requested;
    private volatile boolean cellActive;
    private volatile long cellGeneration;
    private volatile boolean childEnded;
    /** When the latest interrupt for the current cell arrived, or null. */
    private Instant requestedAt;
    /** Whether the interrupt stopped something in the current cell: the child's code, or the cell itself. */
    private volatile boolean honoured;
    /** When an interrupt that is waiting for the next cell arrived, or null. */
    private Instant pendingSince;

    /**
     * @param retry how often an interrupt that found no user code running is sent again
     */
    CellInterrupts(Child child, Clock clock, Duration retry) {
        this.child = child;
        this.clock = clock;
        this.retry = retry;
    }

    /**
     * Interrupts the running cell, or remembers the interrupt for the cell about to start. Safe to
     * call from any thread (a signal handler, the control socket) at any time.
     */
    void interrupt() {
        long generation;
        synchronized (boundary) {
            if (!cellActive) {
                // The request for the cell meant may still be on its way to the shell thread.
                pendingSince = clock.instant();
                return;
            }
            requested = true;
            requestedAt = clock.instant();
            generation = cellGeneration;
        }
        if (deliver(generation) == ChildJvm.InterruptOutcome.IDLE) {
            retryInBackground(generation);
        }
    }

    /**
     * Marks the start of a cell: an interrupt from now on is for this cell, and is kept until it
     * reaches the code, even if it arrives while the cell is still compiling or the JVM is still
     * starting. A remembered interrupt that arrived after {@code requestSent} was sent is applied
     * to it too.
     *
     * @param requestSent when the frontend sent the cell's request, or null when it did not say
     */
    void beginCell(Instant requestSent) {
        long generation;
        boolean applyPending;
        synchronized (boundary) {
            cellGeneration++;
            generation = cellGeneration;
            childEnded = false;
            cellActive = true;
            applyPending = pendingAppliesTo(requestSent);
            requested = applyPending;
            requestedAt = applyPending ? pendingSince : null;
            honoured = false;
            pendingSince = null;
        }
        if (applyPending) {
            // No user code runs yet: the cell checks the flag before each snippet, and the child
            // is asked again once the code may have started, as for an interrupt during compile.
            retryInBackground(generation);
        }
    }

    private boolean pendingAppliesTo(Instant requestSent) {
        Instant arrived = pendingSince;
        if (arrived == null || requestSent == null) {
            return false;
        }
        boolean sentBefore = !requestSent.isAfter(arrived);
        boolean fresh = clock.instant().isBefore(arrived.plus(PENDING_LIFETIME));
        return sentBefore && fresh;
    }

    /**
     * Marks the end of the cell {@link #beginCell} started. An interrupt that stopped nothing in it
     * waits for the next cell, as one that found no cell does.
     */
    void endCell() {
        synchronized (boundary) {
            cellActive = false;
            if (requested && !honoured) {
                pendingSince = requestedAt;
            }
        }
    }

    /** Whether the current (or last) cell was interrupted. */
    boolean requested() {
        return requested;
    }

    /**
     * Whether the cell must stop here for an interrupt; a yes counts as the interrupt's effect, so
     * it is not passed on to the next cell.
     */
    boolean stopHere() {
        if (requested) {
            honoured = true;
        }
        return requested;
    }

    /** Whether stopping the current (or last) cell cost the child JVM, which was ended. */
    boolean childEnded() {
        return childEnded;
    }

    private void retryInBackground(long generation) {
        Thread retry = new Thread(() -> retry(generation), "perflab-interrupt-retry");
        retry.setDaemon(true);
        retry.start();
    }

    /** Keeps asking while the cell is still compiling or its JVM still starting, until it stops or ends. */
    private void retry(long generation) {
        do {
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        } while (deliver(generation) == ChildJvm.InterruptOutcome.IDLE);
    }

    /**
     * Sends the interrupt to the child if the cell it was meant for is still running; answers what
     * the child did, or STOPPED when there is nothing left to interrupt.
     */
    private ChildJvm.InterruptOutcome deliver(long generation) {
        synchronized (boundary) {
            if (!cellActive || cellGeneration != generation) {
                return ChildJvm.InterruptOutcome.STOPPED;
            }
            ChildJvm.InterruptOutcome outcome = child.interruptNow();
            if (outcome != ChildJvm.InterruptOutcome.IDLE) {
                honoured = true;   // the child's code stopped, whatever error the cell then ends with
            }
            if (outcome == ChildJvm.InterruptOutcome.CANNOT_STOP) {
                // Said before the child is ended: the cell, which sees it die, must know why.
                childEnded = true;
                child.end();
            }
            return outcome;
        }
    }
}
