/**
 * Connection pooling experiments on HikariCP: an {@link org.perflab.pool.ExperimentPool} per
 * experiment, its active/idle/waiting/total numbers sampled over time ({@link
 * org.perflab.pool.PoolSampler}), connection-per-request against pooled borrowing ({@link
 * org.perflab.pool.ConnectionCosts}), and the two ways running out of connections looks: HikariCP's
 * timeout with the pool state ({@link org.perflab.pool.PoolExhaustion}) and PostgreSQL's
 * "too many clients" when nothing pools ({@link org.perflab.pool.ConnectionFlood}, best run as an
 * ordinary {@link org.perflab.pool.TemporaryRole}, counted with {@link
 * org.perflab.pool.ServerConnections}). {@link org.perflab.pool.PgBouncer} starts a throwaway
 * external pooler for comparing internal with external pooling.
 *
 * <p>The workbook's claim: opening a PostgreSQL connection (TCP, startup, authentication, a new
 * backend process) costs milliseconds, borrowing an idle pooled one costs microseconds; the test
 * suite prints both for the machine it runs on.
 */
package org.perflab.pool;
