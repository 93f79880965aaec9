/**
 * The blog tables of {@link org.perflab.db.BlogDataset} as JPA entities on Hibernate, for the N+1
 * trap where Java developers meet it: a lazy association read in a loop. The fixes are the same as
 * in SQL, spelled the JPA way: {@code JOIN FETCH} (one query) and batch fetching (one query per
 * batch of ids).
 */
package org.perflab.db.jpa;
