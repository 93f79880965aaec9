/**
 * Measuring a service you name: its capacity found safely, with what the workbook taught.
 *
 * <p>A {@link org.perflab.capacity.ServiceTarget} is what to load: an {@link org.perflab.capacity.HttpEndpoint}
 * (method, URL, headers, body) or a {@link org.perflab.capacity.JdbcQuery} (a JDBC URL and a query). Either refuses a
 * host that is neither loopback nor named in its {@code allowedHosts}. A {@link org.perflab.capacity.CapacitySweep}
 * offers it a rising rate in open-loop steps (Poisson arrivals, latency timed from each request's intended start),
 * prints its {@link org.perflab.capacity.CapacitySweep#plan() plan} before sending anything, and stops by itself at a
 * p99 ceiling, an error rate, a maximum rate or a maximum duration. Its
 * {@link org.perflab.capacity.CapacityResult} holds the steps and derives the knee, the load at which p99 doubles
 * and the Universal Scalability Law fitted to the steps ({@link org.perflab.scaling.UslFit}).
 *
 * <p>{@link org.perflab.capacity.DemoService} is the target with a known answer: an HTTP server on loopback whose
 * capacity is {@code workers / (hold + serial)}, independent of the CPU, with a switch to answer 500 to everything.
 */
package org.perflab.capacity;
