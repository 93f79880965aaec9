package org.perflab.verdict;

import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The verdicts of the notebook running in this JVM: every notebook checks its claims here and ends
 * with {@link #table()}.
 *
 * <pre>{@code
 * Verdicts.notebook("02-throughput-utilization-queueing");
 * Verdicts.check("mean response at rho 0.5 (ms)", measuredMs, theoryMs, Tolerance.percent(12));
 * Verdicts.atLeast("shared queue beats partitioned, ratio", ratio, 2.0);
 * Verdicts.table()
 * }</pre>
 *
 * <p>Each call prints one line starting with {@code PASS } or {@code FAIL }, followed by the claim,
 * the measured value, the expected value with its tolerance, and the allowed range. When the
 * system property or environment variable {@code PERFLAB_RESULTS} names a file, the verdict is
 * also appended there as a CSV row. The notebook's name comes from {@link #notebook(String)}, else
 * from {@code PERFLAB_NOTEBOOK}.
 *
 * @see VerdictLog the same API on an instance, for tests and for code that wants its own log
 */
public final class Verdicts {

    private static volatile VerdictLog log = VerdictLog.fromEnvironment(null);

    private Verdicts() {
    }

    /**
     * Names the notebook and starts a fresh list of verdicts for it, re-reading
     * {@code PERFLAB_RESULTS}. Call it once, in the notebook's parameters cell; running that cell
     * again starts the list over.
     */
    public static void notebook(String name) {
        log = VerdictLog.fromEnvironment(name);
    }

    /** Replaces the log, e.g. with one whose clock or output a test controls. */
    public static void use(VerdictLog replacement) {
        log = Objects.requireNonNull(replacement, "replacement");
    }

    /** The log in use. */
    public static VerdictLog log() {
        return log;
    }

    /** {@code measured} within {@code tolerance} of {@code expected}. */
    public static Verdict check(String claim, double measured, double expected, Tolerance tolerance) {
        return log.check(claim, measured, expected, tolerance);
    }

    /** {@code min <= measured <= max}. */
    public static Verdict within(String claim, double measured, double min, double max) {
        return log.within(claim, measured, min, max);
    }

    /** {@code measured >= expected - margin}. */
    public static Verdict atLeast(String claim, double measured, double expected, Tolerance tolerance) {
        return log.atLeast(claim, measured, expected, tolerance);
    }

    /** {@code measured >= minimum}. */
    public static Verdict atLeast(String claim, double measured, double minimum) {
        return log.atLeast(claim, measured, minimum);
    }

    /** {@code measured <= expected + margin}. */
    public static Verdict atMost(String claim, double measured, double expected, Tolerance tolerance) {
        return log.atMost(claim, measured, expected, tolerance);
    }

    /** {@code measured <= maximum}. */
    public static Verdict atMost(String claim, double measured, double maximum) {
        return log.atMost(claim, measured, maximum);
    }

    /** This run's verdicts, in order. */
    public static List<Verdict> all() {
        return log.verdicts();
    }

    public static long failures() {
        return log.failures();
    }

    /** This run's verdicts as a table, for the end of a notebook. */
    public static Table table() {
        return log.table();
    }
}
