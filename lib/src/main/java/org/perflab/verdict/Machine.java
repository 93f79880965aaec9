package org.perflab.verdict;

import java.util.Objects;
import org.perflab.check.Require;

/**
 * The machine facts a verdict is only valid for: a claim that passed on 2 cores and JDK 17 says
 * nothing yet about 64 cores and JDK 21.
 *
 * @param cores processors available to the JVM
 * @param jdk   the runtime version, e.g. {@code 17.0.15+6-Debian-1deb12u1}
 * @param os    name, version and architecture
 */
public record Machine(int cores, String jdk, String os) {

    public Machine {
        Require.atLeast("cores", cores, 1, "give Runtime.getRuntime().availableProcessors()");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(os, "os");
    }

    /** The machine this JVM runs on. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " (" + System.getProperty("os.arch") + ")");
    }
}
