/**
 * Verdicts: a notebook states a claim, measures, and prints whether the measurement confirmed it,
 * as one line starting with {@code PASS } or {@code FAIL } that names the claim, both numbers and
 * the tolerance. The workbook runner collects the lines (and, through {@code PERFLAB_RESULTS}, a
 * CSV file of every verdict with the machine it ran on) and fails a notebook that printed a FAIL.
 * The names it reads are public here: {@link org.perflab.verdict.VerdictLog#RESULTS_VARIABLE},
 * {@link org.perflab.verdict.VerdictLog#NOTEBOOK_VARIABLE}, {@link org.perflab.verdict.Outcome#linePrefix()}
 * and the columns of {@link org.perflab.verdict.ResultsCsv}, which reads the file back;
 * {@link org.perflab.verdict.RunComparison} sets two runs' files side by side.
 *
 * <p>A claim compares a measured value with an expected one: {@link org.perflab.verdict.Verdicts#check}
 * (near it, within a {@link org.perflab.verdict.Tolerance}), {@code atLeast}, {@code atMost}, or
 * {@code within} an explicit range. Tolerances belong to the claim, not to one run: set them from
 * the spread of repeated trials on a busy machine, and say in the notebook why they are that wide.
 */
package org.perflab.verdict;
