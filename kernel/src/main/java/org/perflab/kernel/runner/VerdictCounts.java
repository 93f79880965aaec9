package org.perflab.kernel.runner;

import org.perflab.verdict.Outcome;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * How many verdict lines of each outcome a notebook printed, counted from its cells' outputs so the
 * end-of-run table shows them whether or not a results file was asked for.
 */
public record VerdictCounts(int passed, int failed, int inconclusive) {

    /** No verdicts yet. */
    public static final VerdictCounts NONE = new VerdictCounts(0, 0, 0);

    /** The verdict lines in one cell's outputs. */
    static VerdictCounts in(List<JsonObject> outputs) {
        return OutputText.lines(outputs).map(Outcome::ofLine).flatMap(Optional::stream)
                .reduce(NONE, VerdictCounts::plus, VerdictCounts::plus);
    }

    /** These counts and one more verdict of {@code outcome}. */
    public VerdictCounts plus(Outcome outcome) {
        return switch (outcome) {
            case PASS -> new VerdictCounts(passed + 1, failed, inconclusive);
            case FAIL -> new VerdictCounts(passed, failed + 1, inconclusive);
            case INCONCLUSIVE -> new VerdictCounts(passed, failed, inconclusive + 1);
        };
    }

    public VerdictCounts plus(VerdictCounts other) {
        return new VerdictCounts(passed + other.passed, failed + other.failed, inconclusive + other.inconclusive);
    }

    public int total() {
        return passed + failed + inconclusive;
    }
}
