package org.perflab.kernel.client;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages. */
final class LogTail {

    /** A JVM crash dump can be megabytes; the lines worth quoting are in its last few kilobytes. */
    private static final int MAX_TAIL_BYTES = 16 * 1024;

    private LogTail() {
    }

    static String lastLines(Path file, int maxLines) {
        if (file == null) {
            return "(no log file: the kernel's output was inherited by this process)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            String text = String.join("\n", tail).strip();
            return text.isEmpty() ? "(the kernel wrote nothing to " + file + ")" : text;
        } catch (IOException e) {
            return "(could not read kernel log " + file + ": " + e.getMessage() + ")";
        }
    }
}
