package org.perflab.kernel;

import org.perflab.kernel.exec.CellError;
import org.perflab.kernel.exec.JavaEvaluator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kernel's evaluator, which starts in the background while the sockets bind: handlers wait for
 * it with a limit, and an interrupt reaches it even before it is ready, so none is lost.
 */
final class StartingEvaluator {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The evaluator even while it starts, so an interrupt during start-up is not lost. */
    private final JavaEvaluator starting;
    private final CompletableFuture<JavaEvaluator> ready;

    StartingEvaluator(JavaEvaluator starting, CompletableFuture<JavaEvaluator> ready) {
        this.starting = starting;
        this.ready = ready;
    }

    /** The started evaluator, or a cell error that says why there is none. */
    JavaEvaluator await() throws CellError {
        try {
            return ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "the Java process for cells could not start: " + cause.getMessage()
                    + "; check the kernel's log and its JVM options, then restart the kernel";
            throw new CellError("KernelStartFailed", message, List.of("KernelStartFailed: " + message));
        } catch (TimeoutException e) {
            String message = "the Java process for cells did not start within " + START_TIMEOUT.toSeconds()
                    + " s; restart the kernel";
            throw new CellError("KernelStartFailed", message, List.of("KernelStartFailed: " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellError(CellError.INTERRUPTED, "interrupted while the kernel was starting",
                    List.of("Interrupted while the kernel was starting"));
        }
    }

    /** The evaluator whether or not it has started: for marking cells and interrupting them. */
    JavaEvaluator evenWhileStarting() {
        return starting;
    }

    /** Closes the evaluator now, or as soon as it has started. */
    void close() {
        JavaEvaluator java = ready.getNow(null);
        if (java != null) {
            java.close();
        } else {
            ready.thenAccept(JavaEvaluator::close);
        }
    }
}
