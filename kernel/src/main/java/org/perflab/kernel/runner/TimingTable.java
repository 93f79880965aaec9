package org.perflab.kernel.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-of-run table: one row per notebook (cells, kernel start, wall time, its verdict lines by
 * outcome, result) and a total. INCONCLUSIVE verdicts are counted here but leave the result "ok".
 */
final class TimingTable {

    private static final int MAX_RESULT_WIDTH = 100;
    private final List<NotebookResult> results = new ArrayList<>();

    void add(NotebookResult result) {
        results.add(result);
    }

    String render() {
        int nameWidth = "notebook".length();
        for (NotebookResult result : results) {
            nameWidth = Math.max(nameWidth, result.notebook().toString().length());
        }
        String rowFormat = "%-" + nameWidth + "s  %5s  %9s  %8s  %4s  %12s  %4s  %s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, rowFormat, "notebook", "cells", "startup s", "wall s",
                "pass", "inconclusive", "fail", "result"));
        Duration total = Duration.ZERO;
        VerdictCounts allVerdicts = VerdictCounts.NONE;
        for (NotebookResult result : results) {
            total = total.plus(result.wallTime());
            VerdictCounts verdicts = result.verdicts();
            allVerdicts = allVerdicts.plus(verdicts);
            table.append(String.format(Locale.ROOT, rowFormat, result.notebook(),
                    result.cellsRun() + "/" + result.codeCells(), seconds(result.kernelStartup()),
                    seconds(result.wallTime()), verdicts.passed(), verdicts.inconclusive(), verdicts.failed(),
                    resultText(result)));
        }
        table.append(String.format(Locale.ROOT, rowFormat, "total (" + results.size() + " notebooks)", "", "",
                seconds(total), allVerdicts.passed(), allVerdicts.inconclusive(), allVerdicts.failed(), ""));
        return table.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }

    private static String resultText(NotebookResult result) {
        if (result.succeeded()) {
            String outcome = result.outcome();
            return outcome.length() <= MAX_RESULT_WIDTH ? outcome : outcome.substring(0, MAX_RESULT_WIDTH - 3) + "...";
        }
        String summary = "FAILED: " + result.failureSummary().orElse("").lines().findFirst().orElse("");
        return summary.length() <= MAX_RESULT_WIDTH ? summary : summary.substring(0, MAX_RESULT_WIDTH - 3) + "...";
    }
}
