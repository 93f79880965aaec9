package org.perflab.capacity;

import org.perflab.load.Target;

/**
 * The system a capacity sweep measures: one request per {@link #call()} (throwing counts it as failed, with
 * a message saying how), a sentence saying exactly what each call sends, printed before anything is sent,
 * and resources (connections) released by {@link #close()}.
 */
public interface ServiceTarget extends Target, AutoCloseable {

    /** What one call sends and to where, e.g. {@code POST http://127.0.0.1:8080/orders with 2 headers and a 41-byte body}. */
    String describe();

    @Override
    void close();
}
