package org.perflab.env;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Work that {@code Thread.interrupt} cannot stop, registered with the action that can: a JDBC
 * statement blocked in a socket read ignores interrupts, but {@code Statement.cancel} from another
 * thread ends it at once. The kernel runs every registered action when the user interrupts a cell,
 * so the cell stops without losing its JVM and its variables.
 */
public final class CancelOnInterrupt {

    private static final Map<Long, Runnable> ACTIONS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private CancelOnInterrupt() {
    }

    /** A registration; closing it means the work finished and needs no cancelling. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers {@code cancel} until the returned registration is closed. */
    public static Registration register(Runnable cancel) {
        long id = NEXT_ID.incrementAndGet();
        ACTIONS.put(id, cancel);
        return () -> ACTIONS.remove(id);
    }

    /**
     * Runs every registered action; one that throws does not stop the others. Answers how many ran.
     * Called by the kernel on an interrupt; experiments do not need to call it.
     */
    public static int cancelAll() {
        int ran = 0;
        for (Runnable action : ACTIONS.values()) {
            try {
                action.run();
                ran++;
            } catch (RuntimeException e) {
                // Cancelling is best effort: the kernel still stops the thread another way.
            }
        }
        return ran;
    }

    /** How many actions are registered now (for tests). */
    public static int pending() {
        return ACTIONS.size();
    }
}
