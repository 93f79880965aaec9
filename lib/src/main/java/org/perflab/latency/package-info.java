/**
 * Latency measurement on top of HdrHistogram: record in nanoseconds, summarize as count, mean,
 * p50, p90, p95, p99, p99.9 and max, draw the percentile spectrum, compare two runs, and export
 * everything to Tablesaw tables whose column names carry their units ({@code p99_ms}).
 *
 * <p>Every percentile in this package comes from HdrHistogram's {@code getValueAtPercentile}; none
 * is computed by hand. HdrHistogram keeps values to a fixed number of significant digits (three by
 * default, so every reported value is within 0.1% of a recorded one) and reports the highest value
 * equivalent to the bucket a percentile falls in.
 *
 * <p>Why averages mislead, with numbers: 990 requests at 50 ms and 10 at 5 s have a mean of 99.5 ms,
 * a value no request ever took. Their p99 is still 50 ms, because the 990th of 1000 sorted values is
 * the last fast one; the slow 1% first shows at p99.9 (5 s). Report p99.9 and max beside p99.
 *
 * <p>Coordinated omission: a load generator that waits for each response before sending the next
 * request stops measuring exactly while the system is stalled. {@link
 * org.perflab.latency.LatencyRecorder.Builder#correctForCoordinatedOmission} back-fills the
 * requests that should have been sent (HdrHistogram's {@code recordValueWithExpectedInterval}); the
 * open-loop generator in {@code org.perflab.load} avoids the problem by timing each request from
 * its intended start.
 */
package org.perflab.latency;
