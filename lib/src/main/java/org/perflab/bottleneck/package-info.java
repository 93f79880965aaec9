/**
 * A bottleneck hunt: {@link org.perflab.bottleneck.ProductHandler} serves {@code GET /products/{id}}
 * from a real database, a loopback logging service, a lock, an allocation-heavy step and a JSON
 * renderer, and a seed decides which one of them is slow ({@link org.perflab.bottleneck.Culprit}).
 * The code of every part is the same whatever the seed; only the data and the environment differ,
 * so the culprit has to be found by measuring, not by reading.
 */
package org.perflab.bottleneck;
