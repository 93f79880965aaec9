package org.perflab.kernel.exec;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The JShell session the cells run in, with its child JVM, and its replacement when that JVM is
 * lost: the failed cell answers at once while a fresh session starts in the background, and the
 * next cell waits for it. It is also what an interrupt reaches ({@link CellInterrupts.Child}): the
 * running session's child, and the one to end when its code could not be stopped in place.
 */
final class ChildSessions implements CellInterrupts.Child {

    private static final Logger LOG = Logger.getLogger(ChildSessions.class.getName());
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long a lost child may take to report its exit code before it is killed. */
    static final Duration LOST_EXIT_WAIT = Duration.ofMillis(500);

    /** One JShell with its child JVM; replaced as a whole when the child is lost. */
    static final class Session {
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

    private final List<Path> classPath;
    private final List<String> childJvmOptions;
    private final List<String> startupSnippets;
    private final OutputRouter router;
    private final SnippetLocations locations;
    private final List<Path> addedClassPath = new ArrayList<>();

    /** The current session; after a loss, the replacement being started in the background. */
    private volatile CompletableFuture<Session> session;
    /** The session last interrupted: the one to end if its child could not stop (under CellInterrupts' lock). */
    private Session interrupted;

    ChildSessions(List<Path> classPath, List<String> childJvmOptions, List<String> startupSnippets,
                  OutputRouter router, SnippetLocations locations) {
        this.classPath = List.copyOf(classPath);
        this.childJvmOptions = List.copyOf(childJvmOptions);
        this.startupSnippets = List.copyOf(startupSnippets);
        this.router = router;
        this.locations = locations;
    }

    /** Starts the first session and waits for it. */
    void start() throws IOException {
        session = CompletableFuture.completedFuture(newSession());
    }

    /** The session to run in, waiting for a replacement that is still starting. */
    Session current() throws CellError {
        try {
            return session.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String message = "starting a fresh Java process failed (" + e.getCause().getMessage()
                    + "); restart the kernel";
            throw new CellError(CellError.JVM_LOST, message, List.of(CellError.JVM_LOST + ": " + message));
        } catch (TimeoutException e) {
            String message = "the fresh Java process did not start within " + START_TIMEOUT.toSeconds()
                    + " s; restart the kernel";
            throw new CellError(CellError.JVM_LOST, message, List.of(CellError.JVM_LOST + ": " + message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CellError.interrupted();
        }
    }

    /** The session if it is running now, else null (no waiting). */
    Session currentNow() {
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
                throw new UncheckedIOException(e);
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
     * Reports a lost child JVM and starts its replacement in the background, so the failed cell
     * answers at once; the next cell waits for the fresh JVM.
     *
     * @param endedByInterrupt whether this kernel ended the child because a cell could not be stopped
     */
    CellError replaceLost(Session lost, boolean endedByInterrupt) {
        // A child this kernel killed has no exit code worth waiting for.
        Integer exit = endedByInterrupt ? null : lost.child().awaitExit(LOST_EXIT_WAIT);
        lost.child().close();
        String why = endedByInterrupt
                ? "the cell could not be stopped in place, so its Java process was ended"
                : "the Java process running the cells ended" + (exit == null ? "" : " with exit code " + exit)
                + " (System.exit, Runtime.halt or a crash in the cell)";
        synchronized (this) {
            if (session.getNow(null) == lost) {
                closeQuietly(lost.shell);
                locations.clear();
                session = CompletableFuture.supplyAsync(() -> {
                    try {
                        return newSession();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        String message = why + "; all variables, methods and imports were lost. A fresh Java process is starting:"
                + " run the cells you need again.";
        String ename = endedByInterrupt ? CellError.INTERRUPTED : CellError.JVM_LOST;
        return new CellError(ename, message, List.of(ename + ": " + message));
    }

    /** Adds a jar or directory to the compiler's and the child's class path, now and after a restart. */
    void addToClassPath(Path entry) throws CellError {
        addedClassPath.add(entry);
        current().shell.addToClasspath(entry.toString());
    }

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

    /** Ends the running session and its child JVM. */
    void close() {
        Session current = currentNow();
        if (current != null) {
            closeQuietly(current.shell);
            current.child().close();
        }
    }

    private static void closeQuietly(JShell shell) {
        try {
            shell.close();
        } catch (RuntimeException ignored) {
            // Closing a JShell whose engine is already gone.
        }
    }
}
