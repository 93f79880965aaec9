package org.perflab.kernel.exec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.spi.ExecutionControl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Evaluates cells with JShell, whose code runs in a {@link ChildJvm}. A cell is split into
 * snippets as JShell's own analysis sees them; each is compiled and run in order, and the first
 * failure ends the cell. When the child JVM is lost (System.exit, a halt, a crash, an interrupt it
 * could not honour) a fresh one is started and the cell fails with a message that says so.
 */
public final class JavaEvaluator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JavaEvaluator.class.getName());
    static final long SESSION_START_TIMEOUT_SECONDS = 60;
    /** How long a lost child may take to report its exit code before it is killed. */
    static final long LOST_EXIT_WAIT_MS = 500;
    /** How often an interrupt that found no user code running is sent again. */
    static final long INTERRUPT_RETRY_MS = 50;

    private final List<Path> classPath;
    private final List<String> childJvmOptions;
    private final List<String> startupSnippets;
    private final OutputRouter router;
    private final SnippetLocations locations = new SnippetLocations();
    private final ErrorFormatter errors = new ErrorFormatter(locations);
    private final List<Path> addedClassPath = new ArrayList<>();

    /** The current session; after a loss, the replacement being started in the background. */
    private volatile CompletableFuture<Session> session;
    private final CellInterrupts interrupts =
            new CellInterrupts(new InterruptedChild(), Clock.systemUTC(), INTERRUPT_RETRY_MS);

    /** One JShell with its child JVM; replaced as a whole when the child is lost. */
    private static final class Session {
        final CompletableFuture<ChildJvm> childJvm;
        final JShell shell;
        final ChildExecutionProvider provider;
        volatile boolean closed;

        Session(CompletableFuture<ChildJvm> childJvm, JShell shell, ChildExecutionProvider provider) {
            this.childJvm = childJvm;
            this.shell = shell;
            this.provider = provider;
        }

        /** The child JVM; a session is handed out only once its child has connected. */
        ChildJvm child() {
            return childJvm.join();
        }
    }

    /** The outcome of a cell that ran to the end. */
    public record CellResult(boolean hasValue) {
    }

    public JavaEvaluator(List<Path> classPath, List<String> childJvmOptions, List<String> startupSnippets,
                         OutputRouter router) {
        this.classPath = List.copyOf(classPath);
        this.childJvmOptions = List.copyOf(childJvmOptions);
        this.startupSnippets = List.copyOf(startupSnippets);
        this.router = router;
    }

    /** Starts the child JVM and JShell and runs the start-up snippets (imports). */
    public void start() throws IOException {
        session = CompletableFuture.completedFuture(newSession());
    }

    /** The session to run in, waiting for a replacement that is still starting. */
    private Session current() throws CellError {
        try {
            return session.get(SESSION_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            String message = "starting a fresh Java process failed (" + e.getCause().getMessage()
                    + "); restart the kernel";
            throw new CellError(CellError.JVM_LOST, message, List.of(CellError.JVM_LOST + ": " + message));
        } catch (TimeoutException e) {
            String message = "the fresh Java process did not start within " + SESSION_START_TIMEOUT_SECONDS
                    + " s; restart the kernel";
            throw new CellError(CellError.JVM_LOST, message, List.of(CellError.JVM_LOST + ": " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /** The session if it is running now, else null (no waiting). */
    private Session currentNow() {
        CompletableFuture<Session> future = session;
        return future == null ? null : future.getNow(null);
    }

    private Session newSession() throws IOException {
        StartupTrace.mark("launching the child JVM");
        CompletableFuture<ChildJvm> child = CompletableFuture.supplyAsync(() -> {
            try {
                ChildJvm jvm = ChildJvm.launch(classPath, childJvmOptions);
                StartupTrace.mark("child JVM connected");
                return jvm;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ChildExecutionProvider provider = new ChildExecutionProvider(child, router);
        JShell shell = JShell.builder()
                .executionEngine(provider, null)
                .out(new PrintStream(router.stdoutStream(), true))
                .err(new PrintStream(router.stderrStream(), true))
                .compilerOptions("-Xlint:none", "-proc:none")
                .fileManager(IndexKeepingFileManager::new)
                .build();
        StartupTrace.mark("JShell built");
        Session created = new Session(child, shell, provider);
        shell.onShutdown(s -> created.closed = true);
        // The compiler needs the class path now; the child, which has it on its command line
        // already, gets the additions queued until it connects (DeferredExecutionControl).
        for (Path entry : classPath) {
            shell.addToClasspath(entry.toString());
        }
        for (Path entry : addedClassPath) {
            shell.addToClasspath(entry.toString());
        }
        for (String snippet : startupSnippets) {
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    LOG.warning("start-up snippet rejected: " + snippet);
                }
            }
        }
        StartupTrace.mark("start-up imports done");
        try {
            child.join();
        } catch (RuntimeException e) {
            shell.close();
            throw new IOException("the Java process for cells could not start: " + e.getMessage(), e);
        }
        return created;
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
        Session current = current();
        long startNanos = System.nanoTime();
        extension("perflab.cell.start", null);
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
            control.extensionCommand("perflab.cell.sweep", null);
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
            throw replaceLostSession(current);
        }
        if (current.closed || !current.child().isAlive()) {
            throw replaceLostSession(current);
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
        String json = (String) extension("perflab.render", null);
        return json == null ? null : JsonParser.parseString(json).getAsJsonObject();
    }

    /** Starts the %%time meter in the child. */
    public void startMeter() throws CellError {
        extension("perflab.meter.start", null);
    }

    /** Stops the %%time meter: wall, CPU, allocation and GC figures as JSON. */
    public JsonObject stopMeter() throws CellError {
        String json = (String) extension("perflab.meter.stop", null);
        return json == null ? null : JsonParser.parseString(json).getAsJsonObject();
    }

    private Object extension(String command, Object arg) throws CellError {
        Session current = current();
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
            throw replaceLostSession(current);
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

    /** The running session's child, as {@link CellInterrupts} reaches it (always under its lock). */
    private final class InterruptedChild implements CellInterrupts.Child {
        /** The session last interrupted: the one to end if its child could not stop. */
        private Session interrupted;

        @Override
        public ChildJvm.InterruptOutcome interruptNow() {
            interrupted = currentNow();
            return interrupted == null
                    ? ChildJvm.InterruptOutcome.IDLE   // the JVM is starting: no user code runs yet
                    : interrupted.child().interrupt();
        }

        @Override
        public void end() {
            if (interrupted != null) {
                interrupted.child().close();
            }
        }
    }

    /**
     * Ends the cell with the interrupt's error if it was interrupted. For work the kernel does
     * itself (a magic), which the interrupt cannot reach: the cell stops once that work is done.
     */
    public void checkInterrupted() throws CellError {
        if (interrupts.stopHere()) {
            throw interrupted();
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

    private CellError interrupted() {
        return new CellError(CellError.INTERRUPTED, "the cell was interrupted; variables defined before it are kept",
                List.of(CellError.INTERRUPTED + ": the cell was interrupted; variables defined before it are kept"));
    }

    /**
     * Reports a lost child JVM and starts its replacement in the background, so the failed cell
     * answers at once; the next cell waits for the fresh JVM.
     */
    private CellError replaceLostSession(Session lost) {
        // A child this kernel killed has no exit code worth waiting for.
        Integer exit = interrupts.childEnded() ? null : lost.child().awaitExit(LOST_EXIT_WAIT_MS);
        lost.child().close();
        String why = interrupts.childEnded()
                ? "the cell could not be stopped in place, so its Java process was ended"
                : "the Java process running the cells ended" + (exit == null ? "" : " with exit code " + exit)
                + " (System.exit, Runtime.halt or a crash in the cell)";
        synchronized (this) {
            if (session.getNow(null) == lost) {
                try {
                    lost.shell.close();
                } catch (RuntimeException ignored) {
                    // Closing a JShell whose engine is already gone.
                }
                locations.clear();
                session = CompletableFuture.supplyAsync(() -> {
                    try {
                        return newSession();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
        String message = why + "; all variables, methods and imports were lost. A fresh Java process is starting:"
                + " run the cells you need again.";
        String ename = interrupts.childEnded() ? CellError.INTERRUPTED : CellError.JVM_LOST;
        return new CellError(ename, message, List.of(ename + ": " + message));
    }

    /** Adds a jar or directory to the compiler's and the child's class path, now and after a restart. */
    public void addToClassPath(Path entry) throws CellError {
        addedClassPath.add(entry);
        current().shell.addToClasspath(entry.toString());
    }

    /** Completion, inspection and completeness questions about code that is not run. */
    public CodeAssist assist() throws CellError {
        return new CodeAssist(current().shell);
    }

    @Override
    public void close() {
        Session current = currentNow();
        if (current != null) {
            try {
                current.shell.close();
            } catch (RuntimeException ignored) {
                // The engine may already be gone.
            }
            current.child().close();
        }
        router.close();
    }
}
