/**
 * Scaling, measured: a handler's throughput and tail latency against worker threads on one machine
 * (vertical), with the USE method's utilization, saturation and errors of each resource read off the
 * operating system; the Universal Scalability Law fitted to a concurrency sweep; and several copies of a
 * small HTTP service, each its own JVM, behind a real load balancer (horizontal), with the balancing
 * algorithms also simulated for fleets too big to start here.
 *
 * <p>{@link org.perflab.scaling.WorkerSweep} runs a handler with 1, 2, 4 ... workers and samples
 * {@link org.perflab.scaling.ResourceSampler}'s CPU utilization and saturation beside it.
 * {@link org.perflab.scaling.UniversalScalabilityLaw} is Gunther's model of throughput against
 * concurrency (contention {@code sigma}, coherency {@code kappa}); {@link org.perflab.scaling.UslFit}
 * fits it to measured points and says where throughput peaks, checked against the SPEC SDM91 fit
 * published with the R package {@code usl}.
 *
 * <p>{@link org.perflab.scaling.BalancerSimulation} sends the same simulated traffic through each
 * {@link org.perflab.scaling.BalancingPolicy} (round robin, least connections, IP hash, smooth
 * weighted round robin, power of two choices, random) in virtual time, and reports latency through
 * the same {@link org.perflab.latency.LatencySummary} a real run reports, per-server request shares
 * and utilization; checked against M/M/1 (random routing) and E_k/M/1 (round robin) in the tests.
 *
 * <p>Everything this package starts (threads, pools, processes) stops when its owner is closed or the
 * cell is interrupted, and every address is on loopback unless the caller passes others.
 */
package org.perflab.scaling;
