package org.perflab.kernel.bench;

import org.perflab.env.InstalledJdks;
import org.perflab.env.InstalledJdks.InstalledJdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDKs the benchmark launches the kernel with: those the library's {@link InstalledJdks} finds, that are new
 * enough for the kernel and have JShell (a JRE has no compiler for the cells).
 */
final class BenchmarkJdks {

    /** The oldest JDK the kernel supports (the parent pom's release). */
    static final int MIN_FEATURE = 17;

    private BenchmarkJdks() {
    }

    /** The JDK at {@code home}, or a message that names what is missing and what to give instead. */
    static InstalledJdk of(Path home) {
        InstalledJdk jdk = InstalledJdks.describe(home).orElseThrow(() -> new IllegalArgumentException(home
                + " is not a JDK (no bin/java or no release file): give a JDK's home directory, such as"
                + " /usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!hasJShell(jdk)) {
            throw new IllegalArgumentException(home + " has no bin/jshell (a JRE?): the kernel needs a full JDK");
        }
        if (jdk.feature() < MIN_FEATURE) {
            throw new IllegalArgumentException(home + " is JDK " + jdk.version() + ": the kernel needs JDK "
                    + MIN_FEATURE + " or newer");
        }
        return jdk;
    }

    /** This JVM's JDK first, then every other one found, oldest first. */
    static List<InstalledJdk> onThisMachine() {
        return select(of(Path.of(System.getProperty("java.home"))), InstalledJdks.find());
    }

    /** {@code first}, then each of {@code found} new enough and with JShell, each home once. */
    static List<InstalledJdk> select(InstalledJdk first, List<InstalledJdk> found) {
        Map<Path, InstalledJdk> byHome = new LinkedHashMap<>();
        byHome.put(first.home(), first);
        for (InstalledJdk jdk : found) {
            if (jdk.feature() >= MIN_FEATURE && hasJShell(jdk)) {
                byHome.putIfAbsent(jdk.home(), jdk);
            }
        }
        return new ArrayList<>(byHome.values());
    }

    /** "17.0.15", a column heading. */
    static String label(InstalledJdk jdk) {
        return jdk.version();
    }

    private static boolean hasJShell(InstalledJdk jdk) {
        return Files.isExecutable(jdk.home().resolve("bin").resolve("jshell"));
    }
}
