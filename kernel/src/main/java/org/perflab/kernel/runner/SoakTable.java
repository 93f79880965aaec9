package org.perflab.kernel.runner;

import org.perflab.verdict.RunComparison;
import org.perflab.verdict.VerdictRow;
import org.perflab.verdict.ResultsCsv;
import org.perflab.verdict.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a soak found, built from each notebook run's verdict rows: per claim how often it passed, was
 * inconclusive or failed, in how many runs it was missing, and the range of its measurements; then the
 * totals and each notebook's wall times. Knows nothing of kernels, so it is fed rows read from a results file.
 */
final class SoakTable {

    private static final int CLAIM_WIDTH = 50;

    /**
     * One run of one notebook.
     *
     * @param notebook   the notebook's name as its verdicts record it; its claims belong to it
     * @param repetition which repetition of the soak this run was, from 1
     * @param failure    why the run failed (a cell raised, timed out, the kernel died); empty when it ran to the end
     * @param verdicts   the rows this run appended to the results file, in order
     */
    record Run(String notebook, int repetition, Duration wallTime, Optional<String> failure,
               List<VerdictRow> verdicts) {
    }

    private final Map<String, List<Run>> runsByNotebook = new LinkedHashMap<>();

    void add(Run run) {
        runsByNotebook.computeIfAbsent(run.notebook(), name -> new ArrayList<>()).add(run);
    }

    /** A claim failed in some run, or a run itself failed: the soak's exit code is then 1. */
    boolean failed() {
        return runs().stream().anyMatch(run -> run.failure().isPresent()
                || run.verdicts().stream().anyMatch(row -> row.outcome() == Outcome.FAIL));
    }

    String render() {
        StringBuilder text = new StringBuilder();
        renderClaims(text);
        text.append('\n');
        renderTotals(text);
        text.append('\n');
        renderWallTimes(text);
        renderFailedRuns(text);
        return text.toString();
    }

    private void renderClaims(StringBuilder text) {
        String format = "%-" + notebookWidth() + "s  %-" + CLAIM_WIDTH + "s  %-9s  %4s  %12s  %4s  %7s  %s%n";
        text.append(String.format(Locale.ROOT, format, "notebook", "claim", "kind", "pass", "inconclusive", "fail",
                "missing", "measured (min to max)"));
        for (Map.Entry<String, List<Run>> notebook : runsByNotebook.entrySet()) {
            List<Run> runs = notebook.getValue();
            for (ClaimTally claim : claims(runs).values()) {
                text.append(String.format(Locale.ROOT, format, notebook.getKey(),
                        RunComparison.abbreviate(claim.claim, CLAIM_WIDTH), claim.kind, claim.passed,
                        claim.inconclusive, claim.failed, runs.size() - claim.runsPresent, claim.range()));
            }
        }
    }

    private void renderTotals(StringBuilder text) {
        int verdicts = 0;
        int inconclusive = 0;
        int failed = 0;
        for (Run run : runs()) {
            for (VerdictRow row : run.verdicts()) {
                verdicts++;
                inconclusive += row.outcome() == Outcome.INCONCLUSIVE ? 1 : 0;
                failed += row.outcome() == Outcome.FAIL ? 1 : 0;
            }
        }
        long failedRuns = runs().stream().filter(run -> run.failure().isPresent()).count();
        text.append(String.format(Locale.ROOT, "%d verdicts in %d runs: %s inconclusive, %d fail; %d runs failed%n",
                verdicts, runs().size(), verdicts == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%",
                        100.0 * inconclusive / verdicts), failed, failedRuns));
    }

    private void renderWallTimes(StringBuilder text) {
        String format = "%-" + notebookWidth() + "s  %4s  %10s  %8s  %10s%n";
        text.append(String.format(Locale.ROOT, format, "notebook", "runs", "wall s min", "median", "max"));
        for (Map.Entry<String, List<Run>> notebook : runsByNotebook.entrySet()) {
            List<Duration> times = notebook.getValue().stream().map(Run::wallTime).sorted().toList();
            text.append(String.format(Locale.ROOT, format, notebook.getKey(), times.size(),
                    TimingTable.seconds(times.get(0)), TimingTable.seconds(median(times)),
                    TimingTable.seconds(times.get(times.size() - 1))));
        }
    }

    private void renderFailedRuns(StringBuilder text) {
        for (Run run : runs()) {
            run.failure().ifPresent(why -> text.append(String.format(Locale.ROOT, "FAILED run %d of %s: %s%n",
                    run.repetition(), run.notebook(), why.lines().findFirst().orElse(""))));
        }
    }

    /** The claims of one notebook's runs, in the order they first appeared. */
    private static Map<String, ClaimTally> claims(List<Run> runs) {
        Map<String, ClaimTally> claims = new LinkedHashMap<>();
        for (Run run : runs) {
            Map<String, ClaimTally> seenThisRun = new LinkedHashMap<>();
            for (VerdictRow row : run.verdicts()) {
                ClaimTally claim = claims.computeIfAbsent(row.claim(), ClaimTally::new);
                claim.add(row);
                seenThisRun.put(row.claim(), claim);
            }
            // A claim a run printed twice (a loop) was still present once in that run.
            seenThisRun.values().forEach(claim -> claim.runsPresent++);
        }
        return claims;
    }

    private List<Run> runs() {
        return runsByNotebook.values().stream().flatMap(List::stream).toList();
    }

    private int notebookWidth() {
        return Math.max("notebook".length(), runsByNotebook.keySet().stream().mapToInt(String::length).max().orElse(0));
    }

    static Duration median(List<Duration> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    /** One claim's verdicts over the runs of its notebook. */
    private static final class ClaimTally {
        final String claim;
        String kind = ResultsCsv.DEFAULT_KIND;
        int passed;
        int inconclusive;
        int failed;
        int runsPresent;
        double min = Double.NaN;
        double max = Double.NaN;

        ClaimTally(String claim) {
            this.claim = claim;
        }

        void add(VerdictRow row) {
            kind = row.kind();
            switch (row.outcome()) {
                case PASS -> passed++;
                case INCONCLUSIVE -> inconclusive++;
                case FAIL -> failed++;
            }
            // A NaN measurement says nothing about the range; the outcome columns still count it.
            if (!Double.isNaN(row.measured())) {
                min = Double.isNaN(min) ? row.measured() : Math.min(min, row.measured());
                max = Double.isNaN(max) ? row.measured() : Math.max(max, row.measured());
            }
        }

        String range() {
            return min == max || Double.isNaN(min) ? VerdictRow.number(min)
                    : VerdictRow.number(min) + " to " + VerdictRow.number(max);
        }
    }
}
