package org.perflab.kernel.exec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.spi.ExecutionControl;
import org.perflab.kernel.child.ChildProtocol;
import org.perflab.kernel.exec.ChildSessions.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Evaluates cells with JShell, whose code runs in a {@link ChildJvm}. A cell is split into
 * snippets as JShell's own analysis sees them; each is compiled and run in order, and the first
 * failure ends the cell. When the child JVM is lost (System.exit, a halt, a crash, an interrupt it
 * could not honour) {@link ChildSessions} starts a fresh one and the cell fails with a message
 * that says so; {@link CellInterrupts} decides what an interrupt does at each moment of a cell.
 */
public final class JavaEvaluator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JavaEvaluator.class.getName());
    /** How often an interrupt that found no user code running is sent again. */
    static final Duration INTERRUPT_RETRY = Duration.ofMillis(50);

    private final OutputRouter router;
    private final SnippetLocations locations = new SnippetLocations();
    private final ErrorFormatter errors = new ErrorFormatter(locations);
    private final ChildSessions sessions;
    private final CellInterrupts interrupts;

    /** The outcome of a cell that ran to the end. */
    public record CellResult(boolean hasValue) {
    }

    public JavaEvaluator(List<Path> classPath, List<String> childJvmOptions, List<String> startupSnippets,
                         OutputRouter router) {
        this.router = router;
        this.sessions = new ChildSessions(classPath, childJvmOptions, startupSnippets, router, locations);
        this.interrupts = new CellInterrupts(sessions, Clock.systemUTC(), INTERRUPT_RETRY);
    }

    /** Starts the child JVM and JShell and runs the start-up snippets (imports). */
    public void start() throws IOException {
        sessions.start();
    }

    /**
     * Runs one cell. Returns normally when every snippet ran; throws {@link CellError} for a compile
     * error, an exception, an interrupt or a lost JVM.
     */
    public CellResult evalCell(int cellNumber, String code) throws CellError {
        return evalCell(cellNumber, code, 0);
    }

    /** Runs code that starts {@code lineOffset} lines into its cell (after magics), naming lines as the cell does. */
    public CellResult evalCell(int cellNumber, String code, int lineOffset) throws CellError {
        Session current = sessions.current();
        long startNanos = System.nanoTime();
        extension(ChildProtocol.CELL_START, null);
        StartupTrace.phase("cell start", startNanos);
        SourceCodeAnalysis analysis = current.shell.sourceCodeAnalysis();
        boolean lastHasValue = false;
        List<Snippet> temporaries = new ArrayList<>();
        try {
            for (CellSplitter.Chunk chunk : CellSplitter.split(analysis, code)) {
                lastHasValue = evalChunk(current, cellNumber, chunk, lineOffset, temporaries);
            }
        } finally {
            long dropStart = System.nanoTime();
            dropTemporaries(current, temporaries);
            StartupTrace.phase("drop", dropStart);
            if (interrupts.requested()) {
                sweepThreadsOfInterruptedCell(current);
            }
        }
        return new CellResult(lastHasValue);
    }

    /**
     * The interrupt may have reached a snippet that ignored it, and the cell may have started
     * threads after it (an executor's workers): interrupt every thread the cell started, once more,
     * so none is left spinning.
     */
    private void sweepThreadsOfInterruptedCell(Session current) {
        ExecutionControl control = current.provider.control();
        if (current.closed || interrupts.childEnded() || control == null || !current.child().isAlive()) {
            return;   // a replaced JVM took the cell's threads with it
        }
        try {
            control.extensionCommand(ChildProtocol.CELL_SWEEP, null);
        } catch (ExecutionControl.ExecutionControlException | RuntimeException e) {
            LOG.fine("could not sweep the interrupted cell's threads: " + e.getMessage());
        }
    }

    /**
     * JShell keeps the value of every bare expression as a variable ($1, $2, ...) and imports all
     * of them into each later snippet, so a session of thousands of cells compiles ever larger
     * wrappers. The kernel shows the value and then drops the variable: the round trip stays flat.
     */
    private static void dropTemporaries(Session current, List<Snippet> temporaries) {
        if (current.closed) {
            return;
        }
        for (Snippet snippet : temporaries) {
            try {
                current.shell.drop(snippet);
            } catch (RuntimeException e) {
                LOG.fine("could not drop " + snippet.id() + ": " + e);
            }
        }
    }

    /** Compiles and runs one snippet; answers whether it has a value to show. */
    private boolean evalChunk(Session current, int cellNumber, CellSplitter.Chunk chunk, int lineOffset,
                              List<Snippet> temporaries) throws CellError {
        checkInterrupted();
        List<SnippetEvent> events;
        long evalStart = System.nanoTime();
        try {
            events = current.shell.eval(chunk.source());
            StartupTrace.phase("eval", evalStart);
        } catch (IllegalStateException e) {
            throw sessions.replaceLost(current, interrupts.childEnded());
        }
        if (current.closed || !current.child().isAlive()) {
            throw sessions.replaceLost(current, interrupts.childEnded());
        }
        boolean hasValue = false;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;   // an update of an earlier snippet that depends on this one
            }
            Snippet snippet = event.snippet();
            SnippetLocations.Origin origin =
                    new SnippetLocations.Origin(cellNumber, chunk.firstLine() + lineOffset, chunk.source());
            locations.remember(snippet.id(), origin);
            if (event.status() == Snippet.Status.REJECTED) {
                throw errors.compileError(origin, current.shell.diagnostics(snippet).toList());
            }
            if (event.exception() != null) {
                throw errors.runtimeError(event.exception());
            }
            checkInterrupted();
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                warnUnresolved(current, snippet);
            }
            hasValue = hasDisplayableValue(snippet);
            if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                temporaries.add(snippet);
            }
        }
        return hasValue;
    }

    private void warnUnresolved(Session current, Snippet snippet) {
        if (snippet instanceof jdk.jshell.DeclarationSnippet) {
            List<String> missing = current.shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList();
            try {
                router.stderrStream().write(("[PerfLab] '" + ((jdk.jshell.DeclarationSnippet) snippet).name()
                        + "' is defined but cannot be used until " + String.join(", ", missing)
                        + " is defined.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Expressions whose value a notebook shows: {@code 1 + 1}, {@code x}, {@code list.size()}. */
    private static boolean hasDisplayableValue(Snippet snippet) {
        switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND:
            case VAR_VALUE_SUBKIND:
            case OTHER_EXPRESSION_SUBKIND:
                return true;
            default:
                return false;
        }
    }

    /** Renders the last snippet's value in the child: a Jupyter MIME bundle. */
    public JsonObject renderLastValue() throws CellError {
        String json = (String) extension(ChildProtocol.RENDER_LAST_VALUE, null);
        return json == null ? null : JsonParser.parseString(json).getAsJsonObject();
    }

    /** Starts the %%time meter in the child. */
    public void startMeter() throws CellError {
        extension(ChildProtocol.CELL_METER_START, null);
    }

    /** Stops the %%time meter: wall, CPU, allocation and GC figures as JSON. */
    public JsonObject stopMeter() throws CellError {
        String json = (String) extension(ChildProtocol.CELL_METER_STOP, null);
        return json == null ? null : JsonParser.parseString(json).getAsJsonObject();
    }

    private Object extension(String command, Object arg) throws CellError {
        Session current = sessions.current();
        ExecutionControl control = current.provider.control();
        if (control == null) {
            return null;
        }
        try {
            return control.extensionCommand(command, arg);
        } catch (ExecutionControl.UserException e) {
            throw new CellError(e.causeExceptionClass(), e.getMessage(),
                    List.of(e.causeExceptionClass() + ": " + e.getMessage()));
        } catch (ExecutionControl.EngineTerminationException e) {
            throw sessions.replaceLost(current, interrupts.childEnded());
        } catch (ExecutionControl.ExecutionControlException e) {
            throw new CellError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), List.of(String.valueOf(e)));
        }
    }

    /**
     * Stops the running cell, or the cell whose request is on its way. Safe to call from another
     * thread at any time. A snippet that ignores the interrupt and cannot be stopped in place costs
     * the child JVM: it is killed here and replaced when the cell returns.
     */
    public void interrupt() {
        interrupts.interrupt();
    }

    /**
     * Ends the cell with the interrupt's error if it was interrupted. For work the kernel does
     * itself (a magic), which the interrupt cannot reach: the cell stops once that work is done.
     */
    public void checkInterrupted() throws CellError {
        if (interrupts.stopHere()) {
            throw CellError.interrupted();
        }
    }

    /**
     * Marks the start of a cell (an execute request, magics included): an interrupt from now on is
     * for this cell, and is kept until it reaches the code, even if it arrives while the cell is
     * still compiling or the JVM is still starting. An interrupt that came before the cell started
     * but after its request was sent (the header's date) is for this cell too.
     *
     * @param requestSent when the frontend sent the request, or null when unknown
     */
    public void beginCell(Instant requestSent) {
        interrupts.beginCell(requestSent);
    }

    /** Marks the end of the cell that {@link #beginCell} started. */
    public void endCell() {
        interrupts.endCell();
    }

    /** Adds a jar or directory to the compiler's and the child's class path, now and after a restart. */
    public void addToClassPath(Path entry) throws CellError {
        sessions.addToClassPath(entry);
    }

    /** Completion, inspection and completeness questions about code that is not run. */
    public CodeAssist assist() throws CellError {
        return new CodeAssist(sessions.current().shell);
    }

    @Override
    public void close() {
        sessions.close();
        router.close();
    }
}
