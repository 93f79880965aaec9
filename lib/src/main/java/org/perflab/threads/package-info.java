/**
 * Threads against virtual threads: what a blocked request costs in memory, where the carrier threads
 * of virtual threads are pinned, and which JDKs on this machine can show both. The library is built
 * for JDK 17, so virtual threads are reached through {@link java.util.concurrent.ThreadFactory}
 * values the notebook makes, or through reflection in the probes that run on other JDKs.
 */
package org.perflab.threads;
