package org.perflab.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps every finished span in memory, in the order spans ended. The SDK's simple processor calls
 * {@link #export} as each span ends, on the thread that ended it, so the list is synchronized.
 */
final class CollectingExporter implements SpanExporter {

    private final List<SpanData> finished = new ArrayList<>();
    private boolean shutDown;

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        if (shutDown) {
            return CompletableResultCode.ofFailure();
        }
        finished.addAll(spans);
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        shutDown = true;
        return CompletableResultCode.ofSuccess();
    }

    synchronized List<SpanData> finished() {
        return List.copyOf(finished);
    }

    synchronized void clear() {
        finished.clear();
    }
}
