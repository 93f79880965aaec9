/**
 * Databases for experiments: which one you got ({@link org.perflab.db.Database#describe()}), a private
 * schema per run ({@link org.perflab.db.Schema}), seeded data ({@link org.perflab.db.OrdersDataset},
 * {@link org.perflab.db.BlogDataset}), and statement counts at the driver boundary
 * ({@link org.perflab.db.StatementCounter}, built on datasource-proxy), executed query plans read
 * from PostgreSQL's and H2's EXPLAIN ANALYZE ({@link org.perflab.db.QueryPlan}), and the insert cost
 * of secondary indexes ({@link org.perflab.db.IndexWriteCost}).
 *
 * <p>Backend order ({@link org.perflab.db.DatabaseChooser}): a configured {@code PERFLAB_JDBC_URL},
 * then Testcontainers PostgreSQL, then embedded PostgreSQL, then H2 in this JVM. H2 answers a query
 * with a method call, so it shows how many statements an N+1 loop sends but not what they cost; the
 * workbook's claim (N+1 turns one round trip into N + 1, and the cost grows with the distance to the
 * server) is measured on PostgreSQL, and {@link org.perflab.db.SimulatedNetworkDelay} adds a labelled,
 * simulated distance on top.
 *
 * <p>Numbers to expect on a local PostgreSQL over TCP: a primary-key SELECT round trip is tens of
 * microseconds, so N = 100 costs a few milliseconds as N+1 and well under one as a JOIN.
 */
package org.perflab.db;
