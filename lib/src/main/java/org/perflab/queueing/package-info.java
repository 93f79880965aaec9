/**
 * Queueing theory three ways: closed-form formulas, a discrete-event simulation in virtual time,
 * and a live server with real threads, so every claim can be checked a second way.
 *
 * <p>Formulas ({@link org.perflab.queueing.MM1}, {@link org.perflab.queueing.MD1},
 * {@link org.perflab.queueing.MMc}, {@link org.perflab.queueing.LittlesLaw}) take rates per second
 * and times in seconds, name their source, and reject an unstable system (utilization at or above
 * 1) at once: such a queue grows without bound and has no mean to report.
 *
 * <p>What they teach, with numbers: at utilization 0.8 an M/M/1 server's mean response time is
 * 5 x its service time; four such servers behind one shared queue (M/M/4) give about 1.75 x, while
 * the same four servers each with its own queue (requests assigned round-robin or at random) stay
 * at 5 x. {@link org.perflab.queueing.Simulation} reproduces both; the unit tests check it.
 */
package org.perflab.queueing;
