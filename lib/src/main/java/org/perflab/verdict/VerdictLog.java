package org.perflab.verdict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.perflab.env.Environment;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdicts of one notebook run: checks each claim, prints its one-line verdict, appends it to
 * the results file when there is one, and keeps it for {@link #table()}.
 *
 * <p>Notebooks use the static {@link Verdicts} facade, which holds one log per JVM; tests build
 * their own with {@link #builder()} and inject the clock, the machine, the output and the file.
 *
 * <p>A FAIL does not throw: the notebook keeps running, so every claim gets its verdict, and the
 * workbook runner fails the notebook afterwards because an output line starts with {@code FAIL }.
 *
 * <p>Thread-safe: verdicts may be given from any thread, and appear in the order given.
 */
public final class VerdictLog {

    /** The notebook name when neither {@code PERFLAB_NOTEBOOK} nor a name was given. */
    public static final String UNNAMED_NOTEBOOK = "unnamed";
    /** The backend column when the experiment registered none. */
    public static final String NO_BACKEND = "none";
    static final String RESULTS_VARIABLE = "PERFLAB_RESULTS";
    static final String NOTEBOOK_VARIABLE = "PERFLAB_NOTEBOOK";

    private final String notebook;
    private final ResultsFile resultsFile;
    private final Clock clock;
    private final Machine machine;
    private final Supplier<String> backend;
    private final Supplier<PrintStream> out;
    private final List<Verdict> verdicts = new ArrayList<>();

    private VerdictLog(Builder builder) {
        this.notebook = builder.notebook;
        this.resultsFile = builder.resultsFile == null ? null : new ResultsFile(builder.resultsFile);
        this.clock = builder.clock;
        this.machine = builder.machine;
        this.backend = builder.backend;
        this.out = builder.out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A log configured the way the workbook runner configures a notebook: the notebook name from
     * {@code PERFLAB_NOTEBOOK} and the results file from {@code PERFLAB_RESULTS}, each read first as
     * a system property, then as an environment variable.
     *
     * @param notebook the notebook's name, or {@code null} to take it from {@code PERFLAB_NOTEBOOK}
     */
    public static VerdictLog fromEnvironment(String notebook) {
        return fromEnvironment(notebook, System::getProperty, System::getenv);
    }

    static VerdictLog fromEnvironment(String notebook, Function<String, String> properties,
                                      Function<String, String> environment) {
        Builder builder = builder();
        String name = notebook != null ? notebook : setting(NOTEBOOK_VARIABLE, properties, environment);
        if (name != null) {
            builder.notebook(name);
        }
        String results = setting(RESULTS_VARIABLE, properties, environment);
        if (results != null) {
            builder.resultsFile(Path.of(results));
        }
        return builder.build();
    }

    private static String setting(String name, Function<String, String> properties,
                                  Function<String, String> environment) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            value = environment.apply(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    // ---- Claims ---------------------------------------------------------------------------------

    /** Passes when {@code measured} is within {@code tolerance} of {@code expected}, either side. */
    public Verdict check(String claim, double measured, double expected, Tolerance tolerance) {
        return give(claim, Comparison.WITHIN, measured, expected, tolerance);
    }

    /** Passes when {@code min <= measured <= max}; reported as the midpoint ± half the width. */
    public Verdict within(String claim, double measured, double min, double max) {
        requireFinite("min", min);
        requireFinite("max", max);
        if (!(max >= min)) {
            throw new IllegalArgumentException("max must be >= min but max was " + max + " and min " + min);
        }
        return give(claim, Comparison.WITHIN, measured, min + (max - min) / 2, Tolerance.absolute((max - min) / 2));
    }

    /** Passes when {@code measured >= expected - margin}. */
    public Verdict atLeast(String claim, double measured, double expected, Tolerance tolerance) {
        return give(claim, Comparison.AT_LEAST, measured, expected, tolerance);
    }

    /** Passes when {@code measured >= minimum}. */
    public Verdict atLeast(String claim, double measured, double minimum) {
        return atLeast(claim, measured, minimum, Tolerance.NONE);
    }

    /** Passes when {@code measured <= expected + margin}. */
    public Verdict atMost(String claim, double measured, double expected, Tolerance tolerance) {
        return give(claim, Comparison.AT_MOST, measured, expected, tolerance);
    }

    /** Passes when {@code measured <= maximum}. */
    public Verdict atMost(String claim, double measured, double maximum) {
        return atMost(claim, measured, maximum, Tolerance.NONE);
    }

    private Verdict give(String claim, Comparison comparison, double measured, double expected,
                         Tolerance tolerance) {
        Objects.requireNonNull(claim, "claim");
        if (claim.isBlank()) {
            throw new IllegalArgumentException("claim must say what should hold but was blank");
        }
        Objects.requireNonNull(tolerance, "tolerance");
        // A non-finite expectation is a bug in the notebook's theory, not a finding about the system.
        requireFinite("expected", expected);
        Outcome outcome = comparison.holds(measured, expected, tolerance) ? Outcome.PASS : Outcome.FAIL;
        Verdict verdict = new Verdict(notebook, claim.strip(), comparison, measured, expected, tolerance, outcome,
                backend.get(), machine, clock.instant());
        synchronized (this) {
            verdicts.add(verdict);
            out.get().println(verdict.line());
            if (resultsFile != null) {
                resultsFile.append(verdict);
            }
        }
        return verdict;
    }

    private static void requireFinite(String property, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(property + " must be finite but was " + value);
        }
    }

    // ---- Reading back ---------------------------------------------------------------------------

    public String notebook() {
        return notebook;
    }

    /** The results file rows are appended to, or {@code null} when there is none. */
    public Path resultsFile() {
        return resultsFile == null ? null : resultsFile.path();
    }

    /** Every verdict given so far, in order. */
    public synchronized List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    public synchronized long failures() {
        return verdicts.stream().filter(verdict -> !verdict.passed()).count();
    }

    /**
     * This run's verdicts, one row each: {@code verdict, claim, measured} (to four significant
     * digits), {@code expected} (with its tolerance), {@code allowed}. The table's name counts the
     * passes and failures.
     */
    public synchronized Table table() {
        StringColumn outcome = StringColumn.create("verdict");
        StringColumn claim = StringColumn.create("claim");
        DoubleColumn measured = DoubleColumn.create("measured");
        StringColumn expected = StringColumn.create("expected");
        StringColumn allowed = StringColumn.create("allowed");
        for (Verdict verdict : verdicts) {
            outcome.append(verdict.outcome().name());
            claim.append(verdict.claim());
            measured.append(Numbers.round(verdict.measured()));
            expected.append(verdict.comparison().describe(verdict.expected(), verdict.tolerance()));
            allowed.append(verdict.allowedRange());
        }
        long failed = verdicts.stream().filter(verdict -> !verdict.passed()).count();
        String title = String.format("Verdicts of %s: %d PASS, %d FAIL", notebook, verdicts.size() - failed, failed);
        return Table.create(title, outcome, claim, measured, expected, allowed);
    }

    /** Configures a {@link VerdictLog}; every option has a default. */
    public static final class Builder {
        private String notebook = UNNAMED_NOTEBOOK;
        private Path resultsFile;
        private Clock clock = Clock.systemUTC();
        private Machine machine = Machine.current();
        private Supplier<String> backend = Builder::registeredBackends;
        // Looked up at each verdict: the kernel may point System.out at another stream per cell.
        private Supplier<PrintStream> out = () -> System.out;

        private Builder() {
        }

        public Builder notebook(String notebook) {
            Objects.requireNonNull(notebook, "notebook");
            if (notebook.isBlank()) {
                throw new IllegalArgumentException("notebook must name the notebook, e.g. 01-averages-lie, but was blank");
            }
            this.notebook = notebook.strip();
            return this;
        }

        /** Append every verdict to this CSV file. Default: none. */
        public Builder resultsFile(Path resultsFile) {
            this.resultsFile = Objects.requireNonNull(resultsFile, "resultsFile");
            return this;
        }

        /** Stamps {@link Verdict#recordedAt()}. Default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder machine(Machine machine) {
            this.machine = Objects.requireNonNull(machine, "machine");
            return this;
        }

        /** A fixed backend description. Default: the backends registered with {@link Environment}, or none. */
        public Builder backend(String backend) {
            Objects.requireNonNull(backend, "backend");
            this.backend = () -> backend;
            return this;
        }

        /** Where verdict lines are printed. Default: whatever {@link System#out} is at the time. */
        public Builder printTo(PrintStream out) {
            Objects.requireNonNull(out, "out");
            this.out = () -> out;
            return this;
        }

        public VerdictLog build() {
            return new VerdictLog(this);
        }

        private static String registeredBackends() {
            StringBuilder backends = new StringBuilder();
            Environment.facts().forEach((fact, value) -> {
                if (fact.startsWith("backend: ")) {
                    backends.append(backends.length() == 0 ? "" : "; ")
                            .append(fact.substring("backend: ".length())).append(" = ").append(value);
                }
            });
            return backends.length() == 0 ? NO_BACKEND : backends.toString();
        }
    }
}
