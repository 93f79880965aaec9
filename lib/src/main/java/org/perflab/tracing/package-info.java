/**
 * Where a request's time goes. Two instruments, for two questions:
 *
 * <ul>
 *   <li>{@link org.perflab.tracing.SpanRecorder}: OpenTelemetry spans around the parts of a request
 *       (database, cache, remote call), laid out as a {@link org.perflab.tracing.SpanTimeline}
 *       (the waterfall of one request) or a {@link org.perflab.tracing.SpanBreakdown} (the
 *       distribution over many). Answers "which part is slow".</li>
 *   <li>{@link org.perflab.tracing.JfrProfiler}: a Flight Recorder recording of a block, as a
 *       {@link org.perflab.tracing.MethodProfile}: CPU samples by method and time spent waiting.
 *       Answers "is this part slow because it computes or because it waits", and if it computes,
 *       in which method.</li>
 * </ul>
 *
 * <p>Measure before you fix: the seed articles' example is a product endpoint whose database call
 * took 10 ms and cache lookup 5 ms, while a synchronous call to a remote logging service held every
 * request for 500 ms. A week spent adding a cache changed nothing; one timing per part would have
 * pointed at the log call at once.
 */
package org.perflab.tracing;
