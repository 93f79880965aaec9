package org.perflab.env;

/**
 * Runs the action that stops a throwaway process (or a group of them) exactly once: at {@link #close()}, at a
 * notebook interrupt ({@link CancelOnInterrupt}) or at JVM exit (a shutdown hook), whichever comes first.
 * {@link LoopbackProcess} guards each process it starts with one; an owner of several processes that stops
 * them together (a service fleet) holds one for all of them. A JVM killed with SIGKILL runs no hook: see
 * {@link GuardedServer} for servers that must not survive even that.
 */
public final class ProcessGuard implements AutoCloseable {

    private final Runnable stop;
    private Thread hook;
    private CancelOnInterrupt.Registration registration;
    private boolean closed;

    private ProcessGuard(Runnable stop) {
        this.stop = stop;
    }

    /** Guards {@code stop} with a shutdown hook (a thread named {@code threadName}) and a notebook interrupt. */
    public static ProcessGuard guard(String threadName, Runnable stop) {
        ProcessGuard guard = new ProcessGuard(stop);
        guard.hook = new Thread(guard::runFromHook, threadName);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        guard.registration = CancelOnInterrupt.register(guard::close);
        return guard;
    }

    /** Runs {@code stop} once at {@link #close()} only: for a process whose owner guards it with others. */
    public static ProcessGuard unguarded(Runnable stop) {
        return new ProcessGuard(stop);
    }

    /** True once {@link #close()} ran or began (or the hook or an interrupt ran the stop). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Runs the stop action, the first time only, and ends the hook and the interrupt registration. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (registration != null) {
            registration.close();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and runs the hook itself.
            }
        }
        stop.run();
    }

    private void runFromHook() {
        synchronized (this) {
            if (closed) {
                return;                         // close() began as the JVM started shutting down
            }
            closed = true;
        }
        stop.run();
    }
}
