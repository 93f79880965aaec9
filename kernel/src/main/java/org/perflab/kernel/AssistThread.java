package org.perflab.kernel;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The one thread that answers completion and inspection, with a time limit so a stalled analysis never
 * holds up the shell channel. JShell is not thread-safe and its analysis does not stop when cancelled:
 * a question answered late is still running inside JShell after the frontend got its empty answer.
 * Whatever else uses JShell (a cell, an is_complete question) first waits here for that to finish.
 */
final class AssistThread {

    private static final Logger LOG = Logger.getLogger(AssistThread.class.getName());

    private final Duration limit;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread assist = new Thread(task, "perflab-code-assist");
        assist.setDaemon(true);
        return assist;
    });

    AssistThread(Duration limit) {
        this.limit = limit;
    }

    /** The answer to {@code question}, or {@code fallback} when it takes longer than the limit. */
    <T> T ask(String what, Callable<T> question, T fallback) throws InterruptedException {
        Future<T> answer = thread.submit(question);
        try {
            return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warning(what + " took over " + limit.toSeconds() + " s; answered without suggestions");
            return fallback;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits until no question is running, at most {@code patience}: a question answered late may still be
     * inside JShell. Answers whether the thread was idle in time (if not, the caller goes on, and says so).
     */
    boolean awaitIdle(Duration patience) throws InterruptedException {
        // The thread runs one task at a time, in order: an empty task ends after every earlier one.
        Future<?> marker = thread.submit(() -> { });
        try {
            marker.get(patience.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warning("a completion or inspection still runs after " + patience.toSeconds()
                    + " s more; going on beside it");
            return false;
        } catch (ExecutionException e) {
            return true;   // an empty task cannot fail
        }
    }
}
