package org.perflab.verdict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.perflab.check.Require;
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
 * <p>Every verdict has a {@link Kind} and is judged on its measurement's 95% interval
 * ({@link Expectation#judge}): PASS inside the allowed range, FAIL outside it, INCONCLUSIVE when it
 * still straddles a bound after its time {@link #budget()} of re-measuring.
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
    /** A verdict's re-measuring budget unless the notebook sets one. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);
    /**
     * Environment variable (or system property) naming the CSV file verdicts are appended to; the
     * workbook runner sets it for every kernel it starts.
     */
    public static final String RESULTS_VARIABLE = "PERFLAB_RESULTS";
    /** Environment variable (or system property) naming the notebook whose verdicts are recorded. */
    public static final String NOTEBOOK_VARIABLE = "PERFLAB_NOTEBOOK";

    private final String notebook;
    private final ResultsFile resultsFile;
    private final Clock clock;
    private final Machine machine;
    private final Supplier<String> backend;
    private final Supplier<PrintStream> out;
    private final LongSupplier nanoTime;
    private final List<Verdict> verdicts = new ArrayList<>();
    private volatile Duration budget;

    private VerdictLog(Builder builder) {
        this.notebook = builder.notebook;
        this.resultsFile = builder.resultsFile == null ? null : new ResultsFile(builder.resultsFile);
        this.clock = builder.clock;
        this.machine = builder.machine;
        this.backend = builder.backend;
        this.out = builder.out;
        this.nanoTime = builder.nanoTime;
        this.budget = builder.budget;
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

    // ---- Verdicts -------------------------------------------------------------------------------

    /** A claim from a seed or a theory's prediction: it could be false. */
    public Check claim(String claim) {
        return new Check(this, Kind.CLAIM, claim);
    }

    /** A library or server behaves as documented. */
    public Check mechanism(String claim) {
        return new Check(this, Kind.MECHANISM, claim);
    }

    /** An identity, a configuration or a clean-up check. */
    public Check sanity(String claim) {
        return new Check(this, Kind.SANITY, claim);
    }

    /** How long one verdict may keep re-measuring while its interval straddles a bound. */
    public Duration budget() {
        return budget;
    }

    /**
     * Sets {@link #budget()}; a notebook sets it in its parameters cell, through
     * {@link Verdicts#budget(Duration)}.
     */
    public void budget(Duration budget) {
        this.budget = requireBudget(budget);
    }

    LongSupplier nanoTime() {
        return nanoTime;
    }

    Verdict give(Kind kind, String claim, Expectation expectation, Estimate estimate) {
        Verdict verdict = new Verdict(notebook, claim, kind, expectation, estimate, expectation.judge(estimate),
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

    private static Duration requireBudget(Duration budget) {
        return Require.nonNegative("budget", budget, "give Duration.ZERO or longer, e.g. Duration.ofSeconds(30)");
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
        return count(Outcome.FAIL);
    }

    public synchronized long inconclusive() {
        return count(Outcome.INCONCLUSIVE);
    }

    private long count(Outcome outcome) {
        return verdicts.stream().filter(verdict -> verdict.outcome() == outcome).count();
    }

    /**
     * {@code 6 of 7 claims confirmed (1 inconclusive); 20 verdicts: 19 PASS, 0 FAIL, 1 INCONCLUSIVE}.
     * Mechanisms and sanity checks are counted apart from claims: they guard the experiment, they do
     * not confirm a lesson.
     */
    public synchronized String summary() {
        long claims = verdicts.stream().filter(verdict -> verdict.kind() == Kind.CLAIM).count();
        long confirmed = verdicts.stream().filter(verdict -> verdict.kind() == Kind.CLAIM && verdict.passed()).count();
        long claimsInconclusive = verdicts.stream()
                .filter(verdict -> verdict.kind() == Kind.CLAIM && verdict.outcome() == Outcome.INCONCLUSIVE).count();
        return String.format("%d of %d claims confirmed%s; %d verdicts: %d PASS, %d FAIL, %d INCONCLUSIVE",
                confirmed, claims, claimsInconclusive == 0 ? "" : " (" + claimsInconclusive + " inconclusive)",
                verdicts.size(), count(Outcome.PASS), count(Outcome.FAIL), count(Outcome.INCONCLUSIVE));
    }

    /**
     * This run's verdicts, one row each: {@code verdict, kind, claim, measured} (to four significant
     * digits), {@code interval} (95%, with its trials or samples), {@code expected}, {@code allowed}.
     * The table's name is the notebook's {@link #summary()}.
     */
    public synchronized Table table() {
        StringColumn outcome = StringColumn.create("verdict");
        StringColumn kind = StringColumn.create("kind");
        StringColumn claim = StringColumn.create("claim");
        DoubleColumn measured = DoubleColumn.create("measured");
        StringColumn interval = StringColumn.create("interval");
        StringColumn expected = StringColumn.create("expected");
        StringColumn allowed = StringColumn.create("allowed");
        for (Verdict verdict : verdicts) {
            outcome.append(verdict.outcome().name());
            kind.append(verdict.kind().label());
            claim.append(verdict.claim());
            measured.append(Numbers.round(verdict.measured()));
            interval.append(verdict.estimate().describe());
            expected.append(verdict.expectation().describe());
            allowed.append(verdict.allowedRange());
        }
        return Table.create("Verdicts of " + notebook + ": " + summary(), outcome, kind, claim, measured, interval,
                expected, allowed);
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
        private LongSupplier nanoTime = System::nanoTime;
        private Duration budget = DEFAULT_BUDGET;

        private Builder() {
        }

        public Builder notebook(String notebook) {
            Require.notNull("notebook", notebook, "name the notebook, e.g. 01-averages-lie");
            this.notebook = Require.notBlank("notebook", notebook, "name the notebook, e.g. 01-averages-lie").strip();
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

        /** How long one verdict may re-measure while its interval straddles a bound. Default: 20 s. */
        public Builder budget(Duration budget) {
            this.budget = requireBudget(budget);
            return this;
        }

        /** The clock that times trials against the budget. Default: {@link System#nanoTime()}. */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
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
