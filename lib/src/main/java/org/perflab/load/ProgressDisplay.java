package org.perflab.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.perflab.display.Display;

/**
 * A progress line updated in place a few times per second, then replaced by the final summary.
 * Runs on its own daemon thread so a slow display (a notebook's websocket) never delays the
 * scheduler, whose delays would show up as latency.
 */
final class ProgressDisplay {

    /** Four updates per second: readable, and cheap for the kernel's message channel. */
    static final long UPDATE_INTERVAL_MILLIS = 250;

    private final String displayId;
    private ScheduledExecutorService timer;

    private ProgressDisplay(String displayId) {
        this.displayId = displayId;
    }

    /**
     * Shows {@code firstLine} at once, before the run's clock starts, so however long the display
     * takes to appear is not charged to the first requests. Returns a disabled display when
     * {@code enabled} is false.
     */
    static ProgressDisplay show(boolean enabled, String firstLine) {
        return new ProgressDisplay(enabled ? Display.show(firstLine, null) : null);
    }

    /** Replaces the line with {@code progressLine} every {@link #UPDATE_INTERVAL_MILLIS}. */
    void startUpdating(Supplier<String> progressLine) {
        if (displayId == null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perflab-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> Display.update(displayId, progressLine.get()),
                UPDATE_INTERVAL_MILLIS, UPDATE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the updates and shows {@code summary} in their place. */
    void finish(Object summary) {
        if (displayId == null) {
            return;
        }
        if (timer == null) {
            Display.update(displayId, summary);
            return;
        }
        timer.shutdownNow();
        boolean wasInterrupted = Thread.interrupted();
        try {
            // Let an update in progress land first, so the summary is the last thing shown.
            timer.awaitTermination(UPDATE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            wasInterrupted = true;
        }
        Display.update(displayId, summary);
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
