package org.perflab.load;

/**
 * Thrown when the thread running a generator is interrupted (a notebook's stop button, a test's
 * timeout). The generator has already stopped its workers; {@link #partialResult()} holds what was
 * measured up to then, marked {@link LoadResult#interrupted()}.
 */
public final class LoadInterruptedException extends InterruptedException {

    private final transient LoadResult partialResult;

    LoadInterruptedException(String message, LoadResult partialResult) {
        super(message);
        this.partialResult = partialResult;
    }

    public LoadResult partialResult() {
        return partialResult;
    }
}
