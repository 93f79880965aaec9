package org.perflab.kernel.client;

import java.nio.file.Path;

/** Reports a kernel process's death with its exit code and the tail of its log. */
final class ProcessWatch implements KernelWatch {

    static final int TAIL_LINES = 20;

    private final Process process;
    private final Path logFile;

    ProcessWatch(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    @Override
    public String deathNotice() {
        if (process.isAlive()) {
            return null;
        }
        return "kernel process " + process.pid() + " exited with code " + process.exitValue()
                + "; last lines of its output" + (logFile == null ? "" : " (" + logFile + ")") + ":\n"
                + LogTail.lastLines(logFile, TAIL_LINES);
    }
}
