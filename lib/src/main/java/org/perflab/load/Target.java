package org.perflab.load;

/**
 * One request against the system under test: {@link #call()} returns when the response has
 * arrived. Generators call it from several threads at once, so an implementation must be
 * thread-safe.
 *
 * <p>Throwing counts the request as failed; failures are counted, not timed, so a target that
 * fails fast cannot make the latency look better. An {@link InterruptedException} also means the
 * generator is stopping, and should be thrown (not swallowed) by targets that block.
 */
@FunctionalInterface
public interface Target {

    void call() throws Exception;

    /** A target that does nothing: measures the generator itself. */
    static Target noOp() {
        return () -> {
        };
    }
}
