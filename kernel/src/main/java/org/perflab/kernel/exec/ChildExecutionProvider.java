package org.perflab.kernel.exec;

import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.perflab.kernel.child.ChildProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Connects JShell to a {@link ChildJvm} over a plain socket: JShell's stock remote engine
 * ({@code jdi}) starts its own JVM and costs about 190 ms a snippet; a socket with TCP_NODELAY
 * costs about as much as running in-process. The child may still be starting when JShell asks for
 * its engine (see {@link DeferredExecutionControl}).
 */
final class ChildExecutionProvider implements ExecutionControlProvider {

    private final CompletableFuture<ChildJvm> child;
    private final OutputRouter router;
    private volatile DeferredExecutionControl control;

    ChildExecutionProvider(CompletableFuture<ChildJvm> child, OutputRouter router) {
        this.child = child;
        this.router = router;
    }

    @Override
    public String name() {
        return "perflab-child";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        DeferredExecutionControl deferred = new DeferredExecutionControl(child.thenApply(this::connect));
        control = deferred;
        return deferred;
    }

    private ExecutionControl connect(ChildJvm jvm) {
        Map<String, OutputStream> outputs = Map.of(
                ChildProtocol.STREAM_STDOUT, router.stdoutStream(),
                ChildProtocol.STREAM_STDERR, router.stderrStream(),
                ChildProtocol.STREAM_DISPLAY, router.displayStream());
        // Cells have no console input yet: reading System.in sees end of input at once.
        Map<String, InputStream> inputs = Map.of(ChildProtocol.STREAM_STDIN, InputStream.nullInputStream());
        try {
            return Util.remoteInputOutput(
                    jvm.executionSocket().getInputStream(),
                    jvm.executionSocket().getOutputStream(),
                    outputs, inputs,
                    (commandIn, commandOut) -> new StreamingExecutionControl(commandOut, commandIn) {
                        @Override
                        public void close() {
                            try {
                                super.close();
                            } finally {
                                jvm.close();
                            }
                        }
                    });
        } catch (IOException e) {
            jvm.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The engine JShell uses, for the kernel's extension commands; null before JShell starts it. */
    ExecutionControl control() {
        return control;
    }
}
