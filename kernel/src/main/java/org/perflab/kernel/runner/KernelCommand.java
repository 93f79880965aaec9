package org.perflab.kernel.runner;

import org.perflab.kernel.client.KernelLauncher;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Kernel argv templates: the PerfLab default, and parsing one from a command-line string. */
public final class KernelCommand {

    /** The PerfLab kernel's entry point and its sub-command that serves a connection file. */
    public static final String MAIN_CLASS = "org.perflab.kernel.Main";
    public static final String KERNEL_SUBCOMMAND = "kernel";

    private KernelCommand() {
    }

    /**
     * The PerfLab kernel, run by this JVM's java on this JVM's class path:
     * {@code [<java.home>/bin/java, -cp, <java.class.path>, org.perflab.kernel.Main, kernel, {connection_file}]}.
     * Class path entries are made absolute, because the runner starts each kernel in its
     * notebook's directory.
     */
    public static List<String> defaultCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The installed kernelspec's JVM options: a small, fast-starting kernel JVM.
        command.addAll(org.perflab.kernel.install.KernelspecInstaller.KERNEL_JVM_OPTIONS);
        command.addAll(List.of("-cp", absoluteClassPath(System.getProperty("java.class.path")), MAIN_CLASS,
                KERNEL_SUBCOMMAND, KernelLauncher.CONNECTION_FILE_PLACEHOLDER));
        return List.copyOf(command);
    }

    static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                // A trailing "*" (directory wildcard) survives toAbsolutePath unchanged.
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Splits a command line the way a POSIX shell splits words: blanks separate arguments, single
     * quotes keep everything literal, double quotes keep blanks and honour backslash escapes of
     * {@code " \ $ `}, and a backslash outside quotes escapes the next character. No expansion.
     */
    public static List<String> parse(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (c == '\'') {
                int end = commandLine.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(commandLine, "single", i);
                }
                current.append(commandLine, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(commandLine, i, current);
                inWord = true;
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                current.append(commandLine.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                current.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            args.add(current.toString());
        }
        return args;
    }

    /** Appends the content of the double-quoted string opening at {@code start}; returns the index after it. */
    private static int readDoubleQuoted(String commandLine, int start, StringBuilder current) {
        int i = start + 1;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < commandLine.length() && "\"\\$`".indexOf(commandLine.charAt(i + 1)) >= 0) {
                current.append(commandLine.charAt(i + 1));
                i += 2;
            } else {
                current.append(c);
                i++;
            }
        }
        throw unterminated(commandLine, "double", start);
    }

    private static IllegalArgumentException unterminated(String commandLine, String kind, int at) {
        return new IllegalArgumentException("Kernel command has an unterminated " + kind + " quote at position "
                + at + ": " + commandLine + "; close the quote");
    }
}
