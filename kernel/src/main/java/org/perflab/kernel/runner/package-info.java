/**
 * Runs notebooks like "Restart and Run All", without Jupyter: {@link
 * org.perflab.kernel.runner.NotebookRunner} for one notebook, {@link
 * org.perflab.kernel.runner.RunNotebooks} as the command line.
 *
 * <p>Notebooks are read and written as nbformat 4.5 with Gson, byte-compatible with Jupyter's own
 * writer (one-space indent, sorted keys, text as lists of lines, JSON mime data as JSON), so a
 * notebook run here and saved again by Jupyter shows no diff. Unknown metadata is kept.
 *
 * <p>A run stops at the first failing cell (error, timeout, dead kernel, or a failing verdict line
 * when {@code failOn} is set) and writes nothing unless it succeeded or partial results were asked for.
 *
 * <p>Verdicts: the library's {@link org.perflab.verdict.ResultsCsv} reads a results file and its
 * {@link org.perflab.verdict.RunComparison} sets two runs side by side, for the {@link
 * org.perflab.kernel.runner.CompareResults} command; {@link
 * org.perflab.kernel.runner.Soak} runs notebooks repeatedly and tallies their verdicts.
 */
package org.perflab.kernel.runner;
