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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Evaluates cells with JShell, whose code runs in a {@link ChildJvm}. A cell is split into
 * snippets as JShell's own analysis sees them; each is compiled and run in order, and the first
 * failure ends the cell. When the child JVM is lost (System.exit, a halt, a crash, an interrupt it
 * could not honour) a fresh one is started and the cell fails with a message that says so.
 */
public final class JavaEvaluator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JavaEvaluator.class.getName());

    private final List<Path> classPath;
    private final List<String> childJvmOptions;
    private final List<String> startupSnippets;
    private final OutputRouter router;
    private final SnippetLocations locations = new SnippetLocations();
    private final ErrorFormatter errors = new ErrorFormatter(locations);
    private final List<Path> addedClassPath = new ArrayList<>();

    private volatile Session session;
    private volatile boolean interruptRequested;
    private volatile boolean childReplacedByInterrupt;

    /** One JShell with its child JVM; replaced as a whole when the child is lost. */
    private static final class Session {
        final ChildJvm child;
        final JShell shell;
        final ChildExecutionProvider provider;
        volatile boolean closed;

        Session(ChildJvm child, JShell shell, ChildExecutionProvider provider) {
            this.child = child;
            this.shell = shell;
            this.provider = provider;
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
        session = newSession();
    }

    private Session newSession() throws IOException {
        StartupTrace.mark("launching the child JVM");
        ChildJvm child = ChildJvm.launch(classPath, childJvmOptions);
        StartupTrace.mark("child JVM connected");
        ChildExecutionProvider provider = new ChildExecutionProvider(child, router);
        JShell shell = JShell.builder()
                .executionEngine(provider, null)
                .out(new PrintStream(router.stdoutStream(), true))
                .err(new PrintStream(router.stderrStream(), true))
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        StartupTrace.mark("JShell built");
        Session created = new Session(child, shell, provider);
        shell.onShutdown(s -> created.closed = true);
        for (Path entry : classPath) {
            shell.addToClasspath(entry.toString());
        }
        for (Path entry : addedClassPath) {
            shell.addToClasspath(entry.toString());
        }
        StartupTrace.mark("class path added");
        for (String snippet : startupSnippets) {
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    LOG.warning("start-up snippet rejected: " + snippet);
                }
            }
        }
        StartupTrace.mark("start-up imports done");
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
        interruptRequested = false;
        childReplacedByInterrupt = false;
        Session current = session;
        SourceCodeAnalysis analysis = current.shell.sourceCodeAnalysis();
        boolean lastHasValue = false;
        for (CellSplitter.Chunk chunk : CellSplitter.split(analysis, code)) {
            if (interruptRequested) {
                throw interrupted();
            }
            List<SnippetEvent> events;
            try {
                events = current.shell.eval(chunk.source());
            } catch (IllegalStateException e) {
                throw replaceLostSession(current);
            }
            if (current.closed || !current.child.isAlive()) {
                throw replaceLostSession(current);
            }
            lastHasValue = false;
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                Snippet snippet = event.snippet();
                SnippetLocations.Origin origin = new SnippetLocations.Origin(cellNumber, chunk.firstLine() + lineOffset, chunk.source());
                locations.remember(snippet.id(), origin);
                if (event.status() == Snippet.Status.REJECTED) {
                    throw errors.compileError(origin, current.shell.diagnostics(snippet).toList());
                }
                if (event.exception() != null) {
                    throw errors.runtimeError(event.exception());
                }
                if (interruptRequested) {
                    throw interrupted();
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    warnUnresolved(current, snippet);
                }
                lastHasValue = hasDisplayableValue(snippet);
            }
        }
        return new CellResult(lastHasValue);
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
        Session current = session;
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
     * Stops the running cell. Safe to call from another thread while {@link #evalCell} runs. A
     * snippet that ignores the interrupt and cannot be stopped in place costs the child JVM: it is
     * killed here and replaced when the cell returns.
     */
    public void interrupt() {
        interruptRequested = true;
        Session current = session;
        if (current == null) {
            return;
        }
        ChildJvm.InterruptOutcome outcome = current.child.interrupt();
        if (outcome == ChildJvm.InterruptOutcome.CANNOT_STOP) {
            childReplacedByInterrupt = true;
            current.child.close();
        }
    }

    private CellError interrupted() {
        return new CellError(CellError.INTERRUPTED, "the cell was interrupted; variables defined before it are kept",
                List.of(CellError.INTERRUPTED + ": the cell was interrupted; variables defined before it are kept"));
    }

    private CellError replaceLostSession(Session lost) {
        Integer exit = lost.child.awaitExit(2_000);
        lost.child.close();
        String why = childReplacedByInterrupt
                ? "the cell could not be stopped in place, so its Java process was ended"
                : "the Java process running the cells ended" + (exit == null ? "" : " with exit code " + exit)
                + " (System.exit, Runtime.halt or a crash in the cell)";
        String message = why + "; all variables, methods and imports were lost";
        try {
            synchronized (this) {
                try {
                    lost.shell.close();
                } catch (RuntimeException ignored) {
                    // Closing a JShell whose engine is already gone.
                }
                locations.clear();
                session = newSession();
            }
            message += ". A fresh Java process is ready: run the cells you need again.";
        } catch (IOException | RuntimeException e) {
            message += ". Starting a fresh Java process failed too (" + e.getMessage() + "): restart the kernel.";
        }
        String ename = childReplacedByInterrupt ? CellError.INTERRUPTED : CellError.JVM_LOST;
        return new CellError(ename, message, List.of(ename + ": " + message));
    }

    /** Adds a jar or directory to the compiler's and the child's class path, now and after a restart. */
    public void addToClassPath(Path entry) {
        addedClassPath.add(entry);
        session.shell.addToClasspath(entry.toString());
    }

    JShell shell() {
        return session.shell;
    }

    /** Completion, inspection and completeness questions about code that is not run. */
    public CodeAssist assist() {
        return new CodeAssist(session.shell);
    }

    /** The child JVM's process id, for tests and diagnostics. */
    public long childPid() {
        return session.child.pid();
    }

    @Override
    public void close() {
        Session current = session;
        if (current != null) {
            try {
                current.shell.close();
            } catch (RuntimeException ignored) {
                // The engine may already be gone.
            }
            current.child.close();
        }
        router.close();
    }
}
