package org.perflab.kernel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK the benchmark launches the kernel with: its home, feature version (17, 25, ...) and full version,
 * read from the {@code release} file every JDK since 9 carries, so finding JDKs starts no process.
 */
public record Jdk(Path home, int featureVersion, String version, String implementor) {

    /** The oldest JDK the kernel supports (the parent pom's release). */
    public static final int MIN_FEATURE_VERSION = 17;
    /** Where Debian, Ubuntu and Adoptium's packages put their JDKs. */
    public static final Path SYSTEM_JVM_DIR = Path.of("/usr/lib/jvm");

    /** The JVM running this code. */
    public static Jdk current() {
        return of(Path.of(System.getProperty("java.home")));
    }

    /**
     * The JDK at {@code home}: it needs {@code bin/java}, a {@code release} file and the jdk.jshell module
     * (a JRE has no compiler for the cells).
     */
    public static Jdk of(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            throw new IllegalArgumentException(home + " is not a JDK (no bin/java or no release file): give a JDK's home"
                    + " directory, such as " + SYSTEM_JVM_DIR.resolve("temurin-25-jdk-amd64"));
        }
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(Files.readString(release)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + release, e);
        }
        String version = unquote(properties.getProperty("JAVA_RUNTIME_VERSION", properties.getProperty("JAVA_VERSION", "")));
        if (version.isEmpty()) {
            throw new IllegalArgumentException(release + " names no JAVA_VERSION: give a JDK's home directory");
        }
        String modules = unquote(properties.getProperty("MODULES", ""));
        if (!List.of(modules.split(" ")).contains("jdk.jshell")) {
            throw new IllegalArgumentException(home + " has no jdk.jshell module (a JRE?): the kernel needs a full JDK");
        }
        return new Jdk(home, featureOf(version), version, unquote(properties.getProperty("IMPLEMENTOR", "")));
    }

    /** The {@code java} launcher of this JDK. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** A short column heading: "25 Eclipse Adoptium". */
    public String label() {
        return implementor.isEmpty() ? String.valueOf(featureVersion) : featureVersion + " " + implementor;
    }

    /**
     * {@code first}, then every other JDK under {@code jvmDir} of at least {@link #MIN_FEATURE_VERSION}, each once:
     * the symbolic links Debian adds ({@code java-1.17.0-openjdk-amd64}) and {@code first} itself are not counted
     * again. Directories that are no JDK (Debian's {@code openjdk-17} holds only sources) are passed over.
     */
    public static List<Jdk> discover(Jdk first, Path jvmDir) {
        Map<Path, Jdk> byRealHome = new LinkedHashMap<>();
        byRealHome.put(realPath(first.home()), first);
        if (Files.isDirectory(jvmDir)) {
            List<Path> homes = new ArrayList<>();
            try (Stream<Path> entries = Files.list(jvmDir)) {
                entries.sorted().forEach(homes::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + jvmDir, e);
            }
            for (Path home : homes) {
                try {
                    Jdk jdk = of(home);
                    if (jdk.featureVersion() >= MIN_FEATURE_VERSION) {
                        byRealHome.putIfAbsent(realPath(home), jdk);
                    }
                } catch (IllegalArgumentException notAJdk) {
                    // passed over, as documented
                }
            }
        }
        return List.copyOf(byRealHome.values());
    }

    static int featureOf(String version) {
        String feature = version.split("[.+\\-]", 2)[0];
        try {
            return Integer.parseInt(feature);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read a feature version from '" + version + "'", e);
        }
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
