package org.perflab.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.Execution;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelClient;
import org.perflab.kernel.client.KernelDiedException;
import org.perflab.kernel.client.KernelException;
import org.perflab.kernel.client.KernelTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/** Runs one code cell with a time limit and judges it: error, timeout, verdict, or fine. */
final class ClientCellExecutor {

    /** A runner cannot type, so stdin is refused; an error aborts whatever else is queued. */
    private static final ExecuteOptions OPTIONS = ExecuteOptions.builder().allowStdin(false).stopOnError(true).build();

    /** What running a cell left behind. {@code failure} is null when the cell passed. */
    record Outcome(List<JsonObject> outputs, OptionalInt executionCount, NotebookCellFailure failure) {
    }

    private final Duration cellTimeout;
    private final Duration interruptGrace;
    /** The tag nbclient and nbconvert honour for cells expected to raise. */
    static final String RAISES_EXCEPTION = "raises-exception";

    private final Predicate<String> failOn;

    ClientCellExecutor(Duration cellTimeout, Duration interruptGrace, Predicate<String> failOn) {
        this.cellTimeout = cellTimeout;
        this.interruptGrace = interruptGrace;
        this.failOn = failOn;
    }

    Outcome run(KernelClient client, NotebookCell cell, int cellCount) {
        Execution execution = client.submit(cell.source(), OPTIONS);
        try {
            return judge(execution.await(cellTimeout), cell, cellCount);
        } catch (KernelTimeoutException e) {
            return interruptAfterTimeout(client, execution, cell, cellCount);
        } catch (KernelDiedException e) {
            List<JsonObject> outputs = new ArrayList<>(execution.outputsSoFar());
            outputs.add(errorOutput("KernelDied", e.getMessage()));
            return new Outcome(outputs, OptionalInt.empty(), new NotebookCellFailure(NotebookCellFailure.Kind.KERNEL_DIED, cell,
                    cellCount, "KernelDied", e.getMessage(), List.of()));
        }
    }

    private Outcome judge(ExecutionResult result, NotebookCell cell, int cellCount) {
        if (!result.isOk() && cell.hasTag(RAISES_EXCEPTION)) {
            // A cell that shows an error on purpose, as nbclient allows with the same tag.
            return new Outcome(result.outputs(), result.executionCount(), null);
        }
        if (!result.isOk()) {
            JsonObject error = result.error().orElseThrow();
            return new Outcome(result.outputs(), result.executionCount(), new NotebookCellFailure(NotebookCellFailure.Kind.ERROR, cell,
                    cellCount, string(error, "ename"), string(error, "evalue"), traceback(error)));
        }
        return OutputText.lines(result.outputs()).filter(failOn).findFirst()
                .map(line -> new Outcome(result.outputs(), result.executionCount(), new NotebookCellFailure(
                        NotebookCellFailure.Kind.VERDICT, cell, cellCount, "VerdictFailed", line, List.of())))
                .orElseGet(() -> new Outcome(result.outputs(), result.executionCount(), null));
    }

    /**
     * The cell overran: interrupt it, give the kernel a moment to report (a KeyboardInterrupt or
     * the like ends up in the outputs), then record our own timeout error so the file says why.
     */
    private Outcome interruptAfterTimeout(KernelClient client, Execution execution, NotebookCell cell, int cellCount) {
        String interruptNote;
        try {
            client.interrupt(interruptGrace);
            interruptNote = "sent interrupt_request";
        } catch (KernelException e) {
            interruptNote = "interrupt_request got no reply (" + e.getMessage() + ")";
        }
        List<JsonObject> outputs;
        OptionalInt executionCount = OptionalInt.empty();
        try {
            ExecutionResult afterInterrupt = execution.await(interruptGrace);
            outputs = new ArrayList<>(afterInterrupt.outputs());
            executionCount = afterInterrupt.executionCount();
        } catch (KernelException stillBusy) {
            outputs = new ArrayList<>(execution.outputsSoFar());
            interruptNote += "; the kernel was still busy " + interruptGrace.toMillis() + " ms later";
        }
        String evalue = "Cell did not finish within " + describe(cellTimeout) + "; " + interruptNote
                + ". Raise --timeout-seconds if the cell is merely slow.";
        outputs.add(errorOutput("CellTimeoutError", evalue));
        return new Outcome(outputs, executionCount, new NotebookCellFailure(NotebookCellFailure.Kind.TIMEOUT, cell, cellCount,
                "CellTimeoutError", evalue, List.of()));
    }

    private static JsonObject errorOutput(String ename, String evalue) {
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "error");
        output.addProperty("ename", ename);
        output.addProperty("evalue", evalue);
        JsonArray traceback = new JsonArray();
        traceback.add(ename + ": " + evalue);
        output.add("traceback", traceback);
        return output;
    }

    private static List<String> traceback(JsonObject error) {
        List<String> lines = new ArrayList<>();
        JsonElement traceback = error.get("traceback");
        if (traceback != null && traceback.isJsonArray()) {
            traceback.getAsJsonArray().forEach(entry -> lines.add(text(entry)));
        }
        return lines;
    }

    private static String string(JsonObject object, String field) {
        return text(object.get(field));
    }

    private static String text(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        return value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
