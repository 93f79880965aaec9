/**
 * Verdicts: a notebook states a claim, measures, and prints whether the measurement confirmed it,
 * as one line starting with {@code PASS } or {@code FAIL } that names the claim, both numbers and
 * the tolerance. The workbook runner collects the lines (and, through {@code PERFLAB_RESULTS}, a
 * CSV file of every verdict with the machine it ran on) and fails a notebook that printed a FAIL.
 *
 * <p>A claim compares a measured value with an expected one: {@link org.perflab.verdict.Verdicts#check}
 * (near it, within a {@link org.perflab.verdict.Tolerance}), {@code atLeast}, {@code atMost}, or
 * {@code within} an explicit range. Tolerances belong to the claim, not to one run: set them from
 * the spread of repeated trials on a busy machine, and say in the notebook why they are that wide.
 */
package org.perflab.verdict;
