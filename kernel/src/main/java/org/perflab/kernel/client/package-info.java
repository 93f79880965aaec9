/**
 * A Jupyter client over the real wire protocol (messaging spec 5.3, ZeroMQ via jeromq), for tests,
 * benchmarks and the notebook runner.
 *
 * <ul>
 *   <li>{@link org.perflab.kernel.client.KernelLauncher} starts a kernel from a kernelspec-like argv
 *       and returns a {@link org.perflab.kernel.client.KernelProcess} with a ready
 *       {@link org.perflab.kernel.client.KernelClient}; closing it leaves no process behind.</li>
 *   <li>{@link org.perflab.kernel.client.KernelClient#execute} returns an
 *       {@link org.perflab.kernel.client.ExecutionResult}: reply, nbformat outputs, and two latencies
 *       (to execute_reply, to iopub idle) measured from the send.</li>
 * </ul>
 *
 * <p>Surprises worth knowing:
 * <ul>
 *   <li>An execution is complete only when both its reply (shell) and its idle status (iopub)
 *       arrived: the reply regularly overtakes the last outputs.</li>
 *   <li>A SUB socket misses what is published before its subscription propagates, so
 *       {@code waitForReady} repeats kernel_info_request until iopub traffic arrives.</li>
 *   <li>update_display_data rewrites outputs of earlier executions in place: results stay live.</li>
 *   <li>ipykernel aborts a request that arrives in the instant after an error (status aborted).</li>
 * </ul>
 */
package org.perflab.kernel.client;
