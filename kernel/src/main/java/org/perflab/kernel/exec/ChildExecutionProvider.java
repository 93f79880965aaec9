package org.perflab.kernel.exec;

import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Connects JShell to a {@link ChildJvm} that is already running: JShell's stock remote engine
 * ({@code jdi}) starts its own JVM and costs about 190 ms a snippet; a plain socket with
 * TCP_NODELAY costs about as much as running in-process.
 */
final class ChildExecutionProvider implements ExecutionControlProvider {

    private final ChildJvm child;
    private final OutputRouter router;
    private volatile ExecutionControl control;

    ChildExecutionProvider(ChildJvm child, OutputRouter router) {
        this.child = child;
        this.router = router;
    }

    @Override
    public String name() {
        return "perflab-child";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        Map<String, OutputStream> outputs = Map.of(
                "out", router.stdoutStream(),
                "err", router.stderrStream(),
                "display", router.displayStream());
        // Cells have no console input yet: reading System.in sees end of input at once.
        Map<String, InputStream> inputs = Map.of("in", InputStream.nullInputStream());
        ExecutionControl ec = Util.remoteInputOutput(
                child.executionSocket().getInputStream(),
                child.executionSocket().getOutputStream(),
                outputs, inputs,
                (commandIn, commandOut) -> new StreamingExecutionControl(commandOut, commandIn) {
                    @Override
                    public void close() {
                        try {
                            super.close();
                        } finally {
                            child.close();
                        }
                    }
                });
        control = ec;
        return ec;
    }

    /** The engine JShell uses, for the kernel's extension commands; null before JShell starts it. */
    ExecutionControl control() {
        return control;
    }
}
