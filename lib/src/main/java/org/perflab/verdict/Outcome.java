package org.perflab.verdict;

/** Whether a measurement confirmed its claim. Verdict lines start with the name and one space. */
public enum Outcome {
    PASS,
    FAIL
}
