package org.perflab.kernel.exec;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.kernel.exec.ChildJvm.InterruptOutcome.CANNOT_STOP;
import static org.perflab.kernel.exec.ChildJvm.InterruptOutcome.IDLE;
import static org.perflab.kernel.exec.ChildJvm.InterruptOutcome.STOPPED;

/** The interrupt state machine: which cell an interrupt reaches, whenever it arrives, with a fake child and clock. */
class CellInterruptsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    /** Long enough for a retry loop that should have ended to show itself, at a 1 ms retry period. */
    private static final long QUIET_MS = 100;

    private final SettableClock clock = new SettableClock(T0);
    private final FakeChild child = new FakeChild();
    private final CellInterrupts interrupts = new CellInterrupts(child, clock, java.time.Duration.ofMillis(1));

    {
        child.owner = interrupts;
    }

    @Test
    void interruptDuringRunStopsTheCellAtOnce() throws Exception {
        child.answer(STOPPED);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        assertTrue(interrupts.requested());
        assertEquals(1, child.calls());
        assertFalse(child.ended, "a child that stopped its code is kept");
        Thread.sleep(QUIET_MS);
        assertEquals(1, child.calls(), "a stopped cell is not asked again");
    }

    @Test
    void interruptDuringCompileIsRetriedUntilUserCodeRuns() throws Exception {
        child.answer(IDLE, IDLE, IDLE, STOPPED);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        assertTrue(interrupts.requested());
        child.awaitCalls(4);
        Thread.sleep(QUIET_MS);
        assertEquals(4, child.calls(), "retries end once the child says it stopped the code");
    }

    @Test
    void retriesEndWithTheCell() throws Exception {
        child.answerAlways(IDLE);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        child.awaitCalls(3);
        interrupts.endCell();
        int afterEnd = child.calls();
        Thread.sleep(QUIET_MS);
        assertEquals(afterEnd, child.calls(), "no interrupt reaches the child after its cell ended");
    }

    @Test
    void retriesForACellDoNotReachTheNextCell() throws Exception {
        child.answerAlways(IDLE);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        child.awaitCalls(2);
        interrupts.endCell();
        interrupts.beginCell(T0.plusSeconds(1));
        int atNextCell = child.calls();
        Thread.sleep(QUIET_MS);
        assertEquals(atNextCell, child.calls());
        assertFalse(interrupts.requested(), "the next cell starts uninterrupted");
    }

    @Test
    void interruptBeforeTheCellStartsReachesARequestSentBeforeIt() {
        child.answerAlways(STOPPED);
        Instant sent = T0;
        clock.set(T0.plusMillis(3));
        interrupts.interrupt();
        assertEquals(0, child.calls(), "no cell runs: nothing is sent to the child yet");
        clock.set(T0.plusMillis(800));
        interrupts.beginCell(sent);
        assertTrue(interrupts.requested(), "the interrupt overtook the request, and is applied to it");
        child.awaitCalls(1);
    }

    @Test
    void interruptArrivingInTheSameInstantAsTheRequestWasSentReachesIt() {
        clock.set(T0);
        interrupts.interrupt();
        interrupts.beginCell(T0);
        assertTrue(interrupts.requested());
    }

    @Test
    void interruptBetweenCellsDoesNotTouchACellSentAfterIt() throws Exception {
        interrupts.beginCell(T0);
        interrupts.endCell();
        clock.set(T0.plusSeconds(2));
        interrupts.interrupt();
        interrupts.beginCell(T0.plusSeconds(3));
        assertFalse(interrupts.requested());
        Thread.sleep(QUIET_MS);
        assertEquals(0, child.calls());
    }

    @Test
    void rememberedInterruptIsForgottenByTheCellItDoesNotApplyTo() {
        clock.set(T0.plusSeconds(1));
        interrupts.interrupt();
        interrupts.beginCell(T0.plusSeconds(2));
        interrupts.endCell();
        interrupts.beginCell(T0);
        assertFalse(interrupts.requested(), "an idle interrupt is kept for the next cell only");
    }

    @Test
    void rememberedInterruptExpires() {
        clock.set(T0);
        interrupts.interrupt();
        clock.set(T0.plus(CellInterrupts.PENDING_LIFETIME).plusMillis(1));
        interrupts.beginCell(T0.minusSeconds(1));
        assertFalse(interrupts.requested(), "an interrupt older than the lifetime cannot hit a much later cell");
    }

    @Test
    void rememberedInterruptWithinItsLifetimeStillApplies() {
        clock.set(T0);
        interrupts.interrupt();
        clock.set(T0.plus(CellInterrupts.PENDING_LIFETIME).minusMillis(1));
        interrupts.beginCell(T0.minusSeconds(1));
        assertTrue(interrupts.requested());
    }

    @Test
    void requestWithoutADateIsNotInterruptedByAnEarlierInterrupt() {
        interrupts.interrupt();
        interrupts.beginCell(null);
        assertFalse(interrupts.requested());
    }

    @Test
    void rememberedInterruptIsRetriedUntilTheCellsCodeRuns() throws Exception {
        child.answer(IDLE, IDLE, STOPPED);
        interrupts.interrupt();
        interrupts.beginCell(T0.minusMillis(1));
        child.awaitCalls(3);
        Thread.sleep(QUIET_MS);
        assertEquals(3, child.calls());
    }

    @Test
    void childThatCannotStopIsEndedAndReportedEndedForThatCellOnly() {
        child.answer(CANNOT_STOP);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        assertTrue(interrupts.childEnded());
        assertTrue(child.ended, "a child that cannot stop its code is ended");
        assertTrue(child.endedKnownFirst, "the cell, which sees the child die, must already know why");
        interrupts.endCell();
        interrupts.beginCell(T0.plusSeconds(1));
        assertFalse(interrupts.childEnded());
        assertFalse(interrupts.requested());
    }

    /** A cell starts at T0 and is interrupted 1 s later; it ends, and a cell whose request was sent at {@code sent} begins. */
    private void interruptFirstCellThenBegin(Instant sent) {
        interrupts.beginCell(T0);
        clock.set(T0.plusSeconds(1));
        interrupts.interrupt();
        interrupts.endCell();
        interrupts.beginCell(sent);
    }

    @Test
    void interruptThatStoppedNothingInItsCellReachesTheNextRequestSentBeforeIt() {
        child.answerAlways(IDLE);   // the cell's code had finished: it was showing its value
        interruptFirstCellThenBegin(T0.plusMillis(500));
        assertTrue(interrupts.requested(), "the queued cell, sent before the interrupt, is interrupted");
    }

    @Test
    void interruptThatStoppedNothingInItsCellDoesNotReachARequestSentAfterIt() {
        child.answerAlways(IDLE);
        interruptFirstCellThenBegin(T0.plusSeconds(2));
        assertFalse(interrupts.requested());
    }

    @Test
    void interruptThatStoppedTheChildsCodeIsNotPassedOn() {
        child.answer(STOPPED);
        interruptFirstCellThenBegin(T0.plusMillis(500));
        assertFalse(interrupts.requested(), "its cell ended by it, whatever error it then reported");
    }

    @Test
    void interruptTheCellStoppedForIsNotPassedOn() {
        child.answerAlways(IDLE);
        interrupts.beginCell(T0);
        clock.set(T0.plusSeconds(1));
        assertFalse(interrupts.stopHere());
        interrupts.interrupt();
        assertTrue(interrupts.stopHere());
        interrupts.endCell();
        interrupts.beginCell(T0.plusMillis(500));
        assertFalse(interrupts.requested());
    }

    @Test
    void laterInterruptOfTheSameCellIsSentAgain() {
        child.answer(STOPPED, STOPPED);
        interrupts.beginCell(T0);
        interrupts.interrupt();
        interrupts.interrupt();
        assertEquals(2, child.calls());
    }

    /** A child whose answers are scripted; after the script it repeats {@link #answerAlways} or STOPPED. */
    private static final class FakeChild implements CellInterrupts.Child {
        private final Deque<ChildJvm.InterruptOutcome> script = new ArrayDeque<>();
        private ChildJvm.InterruptOutcome otherwise = STOPPED;
        private int calls;
        /** Whether the child was ended, and whether the state machine had said so by then. */
        private boolean ended;
        private boolean endedKnownFirst;
        private CellInterrupts owner;

        synchronized void answer(ChildJvm.InterruptOutcome... outcomes) {
            script.addAll(List.of(outcomes));
        }

        synchronized void answerAlways(ChildJvm.InterruptOutcome outcome) {
            otherwise = outcome;
        }

        @Override
        public synchronized ChildJvm.InterruptOutcome interruptNow() {
            calls++;
            notifyAll();
            return script.isEmpty() ? otherwise : script.poll();
        }

        synchronized int calls() {
            return calls;
        }

        @Override
        public synchronized void end() {
            ended = true;
            endedKnownFirst = owner != null && owner.childEnded();
        }

        /** Waits for the retry thread; bounded so a lost interrupt fails the test instead of hanging it. */
        synchronized void awaitCalls(int expected) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls < expected) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                assertTrue(left > 0, "the child was interrupted " + calls + " times, expected " + expected);
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
