package org.perflab.kernel.bench;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The floor under the kernel's trivial-cell round trip: bare JShell, in-process (its "local" execution engine,
 * so no second JVM and no wire), evaluating {@code 1 + 1}. Whatever the kernel adds (the Jupyter protocol,
 * the cells' JVM behind JShell's remote execution control, output capture) is the round trip minus this.
 *
 * <p>Run as its own process under each JDK measured, so the floor is that JDK's JShell:
 * <pre>java -cp perflab-kernel.jar org.perflab.kernel.bench.JShellFloor WARM_UPS SNIPPETS</pre>
 * It prints one line, {@value #PREFIX} followed by each timed snippet's nanoseconds. The snippet counts match
 * the benchmark's cells, because JShell's cost per snippet grows with the snippets it has compiled.
 */
public final class JShellFloor {

    static final String PREFIX = "snippet-nanos";

    private JShellFloor() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: JShellFloor WARM_UPS SNIPPETS");
            System.exit(2);
        }
        List<Long> nanos = timeSnippets(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        StringBuilder line = new StringBuilder(PREFIX);
        nanos.forEach(n -> line.append(' ').append(n));
        System.out.println(line);
    }

    /** Evaluates {@code 1 + 1} {@code warmUps} times untimed, then {@code snippets} times, each timed. */
    static List<Long> timeSnippets(int warmUps, int snippets) {
        List<Long> nanos = new ArrayList<>(snippets);
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (int i = 0; i < warmUps + snippets; i++) {
                long started = System.nanoTime();
                List<SnippetEvent> events = shell.eval("1 + 1");
                long elapsed = System.nanoTime() - started;
                SnippetEvent event = events.get(0);
                if (event.status() != Snippet.Status.VALID || !"2".equals(event.value())) {
                    throw new IllegalStateException("JShell evaluated 1 + 1 to " + event.value() + " (" + event.status()
                            + (event.exception() != null ? ", " + event.exception() : "") + ")");
                }
                if (i >= warmUps) {
                    nanos.add(elapsed);
                }
            }
        }
        return nanos;
    }

    /** The nanoseconds in the output of {@link #main}; fails, quoting the output, when it has no such line. */
    static List<Long> parse(String output) {
        for (String line : output.split("\\R")) {
            if (line.startsWith(PREFIX + " ") || line.equals(PREFIX)) {
                List<Long> nanos = new ArrayList<>();
                for (String value : line.substring(PREFIX.length()).trim().split(" ")) {
                    if (!value.isEmpty()) {
                        nanos.add(Long.parseLong(value));
                    }
                }
                return nanos;
            }
        }
        throw new IllegalStateException("the JShell floor printed no '" + PREFIX + "' line:\n" + output);
    }
}
