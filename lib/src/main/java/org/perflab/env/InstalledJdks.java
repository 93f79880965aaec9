package org.perflab.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs on this machine: this JVM's, {@code JAVA_HOME}'s, and every one under the usual install
 * directories ({@code /usr/lib/jvm}, {@code /opt/java}, SDKMAN's). Each is known by its {@code release}
 * file, so nothing is started to find them.
 */
public final class InstalledJdks {

    static final List<Path> INSTALL_DIRECTORIES = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"),
            Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java"));
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"]+)\"?", Pattern.MULTILINE);

    private InstalledJdks() {
    }

    /** One JDK: its home, its feature release (17, 21, 25) and its full version. */
    public record InstalledJdk(Path home, int feature, String version) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "JDK " + version + " (" + home + ")";
        }
    }

    /** Every JDK found, each once (symbolic links resolved), oldest first. */
    public static List<InstalledJdk> find() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        for (Path directory : INSTALL_DIRECTORIES) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> homes = Files.list(directory)) {
                    homes.forEach(candidates::add);
                } catch (IOException e) {
                    // An unreadable directory holds no JDK we could run.
                }
            }
        }
        Map<Path, InstalledJdk> found = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            describe(candidate).ifPresent(jdk -> found.putIfAbsent(jdk.home(), jdk));
        }
        List<InstalledJdk> jdks = new ArrayList<>(found.values());
        jdks.sort(Comparator.comparingInt(InstalledJdk::feature).thenComparing(InstalledJdk::version));
        return jdks;
    }

    /** The JDK at {@code home}, if it has a {@code release} file and a {@code bin/java}. */
    public static Optional<InstalledJdk> describe(Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(real.resolve("bin").resolve("java"))) {
                return Optional.empty();
            }
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            if (!version.find()) {
                return Optional.empty();
            }
            return Optional.of(new InstalledJdk(real, featureOf(version.group(1)), version.group(1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** 17 for "17.0.15", 25 for "25", 8 for "1.8.0_402". */
    static int featureOf(String version) {
        String[] parts = version.split("[.+_-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }
}
