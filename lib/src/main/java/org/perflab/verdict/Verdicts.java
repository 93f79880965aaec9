package org.perflab.verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The verdicts of the notebook running in this JVM: every notebook checks its claims here and ends
 * with {@link #table()}.
 *
 * <pre>{@code
 * Verdicts.notebook("02-throughput-utilization-queueing");
 * Verdicts.budget(Duration.ofSeconds(20));
 * Verdicts.claim("mean response at ρ 0.5 vs M/M/1 (ms)").near(theoryMs, Tolerance.percent(12))
 *         .trials(3, () -> oneRun().meanMs());
 * Verdicts.sanity("connections left open").near(0, Tolerance.NONE).value(open);
 * Verdicts.table()
 * }</pre>
 *
 * <p>Each verdict prints one line starting with {@code PASS }, {@code FAIL } or {@code INCONCLUSIVE },
 * followed by its kind, the claim, the measured value with its 95% interval, the expected value
 * with its tolerance, and the allowed range. When the
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

    /** A seed's claim or a theory's prediction: it could be false. Counted in the summary's claims confirmed. */
    public static Check claim(String claim) {
        return log.claim(claim);
    }

    /** A library or server behaves as documented (a pool makes callers wait, a TTL expires a key). */
    public static Check mechanism(String claim) {
        return log.mechanism(claim);
    }

    /** An identity, a configuration or a clean-up check: it fails only when the experiment is broken. */
    public static Check sanity(String claim) {
        return log.sanity(claim);
    }

    /**
     * How long each verdict may keep re-measuring while its interval straddles a bound; set it in the
     * notebook's parameters cell, after {@link #notebook(String)}. Default: 20 s.
     */
    public static void budget(Duration budget) {
        log.budget(budget);
    }

    /** This run's verdicts, in order. */
    public static List<Verdict> all() {
        return log.verdicts();
    }

    public static long failures() {
        return log.failures();
    }

    /** {@code 6 of 7 claims confirmed; 20 verdicts: 19 PASS, 0 FAIL, 1 INCONCLUSIVE}. */
    public static String summary() {
        return log.summary();
    }

    /** This run's verdicts as a table, for the end of a notebook. */
    public static Table table() {
        return log.table();
    }
}
