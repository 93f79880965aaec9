package org.perflab.kernel.exec;

import jdk.jshell.spi.ExecutionControl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JShell's engine for a child JVM that may still be starting. JShell compiles without it, so the
 * start-up imports compile while the child JVM boots; loading and running classes wait for the
 * child, and class path additions are queued until it connects. That overlap takes the child's
 * start-up off the kernel's critical path.
 */
final class DeferredExecutionControl implements ExecutionControl {

    static final Duration CHILD_WAIT = Duration.ofSeconds(60);

    private final Object lock = new Object();
    private final List<String> pendingClassPath = new ArrayList<>();
    private final CompletableFuture<ExecutionControl> engine;
    private boolean ready;

    DeferredExecutionControl(CompletableFuture<ExecutionControl> connecting) {
        this.engine = connecting.thenApply(this::applyPendingClassPath);
    }

    /** Class path entries JShell added before the child connected reach it first, in order. */
    private ExecutionControl applyPendingClassPath(ExecutionControl connected) {
        synchronized (lock) {
            for (String path : pendingClassPath) {
                try {
                    connected.addToClasspath(path);
                } catch (ExecutionControlException e) {
                    throw new IllegalStateException("the child JVM refused class path entry " + path + ": " + e.getMessage(), e);
                }
            }
            pendingClassPath.clear();
            ready = true;
        }
        return connected;
    }

    private ExecutionControl engine() throws EngineTerminationException {
        try {
            return engine.get(CHILD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EngineTerminationException("the Java process for cells could not start: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new EngineTerminationException("the Java process for cells did not start within " + CHILD_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineTerminationException("interrupted while the Java process for cells was starting");
        }
    }

    /** The engine if the child JVM is connected now, else null. */
    ExecutionControl engineNow() {
        return engine.isDone() && !engine.isCompletedExceptionally() ? engine.join() : null;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        engine().load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        engine().redefine(cbcs);
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
        return engine().invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        return engine().varValue(className, varName);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        synchronized (lock) {
            if (!ready) {
                // JShell adds the start-up class path while the child is still booting: do not wait.
                pendingClassPath.add(path);
                return;
            }
        }
        engine().addToClasspath(path);
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        engine().stop();
    }

    @Override
    public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
        return engine().extensionCommand(command, arg);
    }

    @Override
    public void close() {
        engine.thenAccept(ExecutionControl::close);
    }
}
