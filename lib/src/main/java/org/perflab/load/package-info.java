/**
 * Load generators that measure latency honestly, and the one that shows why honesty is needed.
 *
 * <p>{@link org.perflab.load.OpenLoopGenerator} starts requests on a schedule fixed in advance
 * (constant rate or Poisson, seeded) whatever the target does, and times each request from its
 * <em>intended</em> start. When the target stalls for a second, the requests that were due during
 * the stall are still due: each one waits, and each waiting time is measured.
 *
 * <p>{@link org.perflab.load.ClosedLoopGenerator} models a fixed population of users who each wait
 * for a response (and think) before sending again. During a stall it simply stops sending, so the
 * stall is one slow sample among thousands: coordinated omission. Against a target that serves in
 * 1 ms and freezes once for 1 s, the open-loop p99 is hundreds of times the closed-loop p99; the
 * unit tests check that ratio.
 *
 * <p>Both generators run in the calling thread (plus their own daemon worker threads), stop by
 * themselves (a duration or a request count is required), and stop within about a second when the
 * calling thread is interrupted, throwing {@link org.perflab.load.LoadInterruptedException} with the
 * partial result.
 */
package org.perflab.load;
