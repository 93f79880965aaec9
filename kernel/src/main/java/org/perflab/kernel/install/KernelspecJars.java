package org.perflab.kernel.install;

import org.perflab.env.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies the kernel's dependency jars into a kernelspec's {@code lib/} for the machine that installs:
 * <ul>
 *   <li>server binaries for other platforms are dropped: an embedded-redis jar keeps only this
 *       platform's {@code redis-server} (it ships six, 27 MB), and a PostgreSQL binaries jar for
 *       another platform is left out;</li>
 *   <li>Testcontainers and its docker-java, JNA and JUnit 4 (the build lists them in
 *       {@code target/optional/testcontainers}, 23 MB) are left out unless asked for: the library uses
 *       them only where a Docker engine answers, and says how to add them when one does;</li>
 *   <li>fastutil and ICU4J keep only the classes the other jars reach ({@link ReachableClasses}): 3.4 of
 *       21 MB and 0.1 of 14 MB;</li>
 *   <li>the plotly.js WebJar stays out: the installer has already copied plotly.js beside kernel.json,
 *       and nothing else reads it.</li>
 * </ul>
 * Everything else is copied as it is.
 */
final class KernelspecJars {

    /** Beside {@code lib/} in the kernel's build directory: the jars only Testcontainers needs. */
    static final String TESTCONTAINERS_DIR = "optional/testcontainers";

    // The binaries' names in the embedded-redis and zonky jars: redis-server-6.2.6-v5-darwin-arm64,
    // redis-server-5.0.14.1-windows-amd64.exe, postgres-linux-x86_64.txz, postgres-linux-x86_64-alpine_linux.txz.
    private static final Pattern REDIS_SERVER = Pattern.compile("redis-server-[^/]+-(linux|darwin|windows)-\\w+(\\.exe)?");
    private static final Pattern POSTGRES_ARCHIVE = Pattern.compile("postgres-[^/]+\\.txz");
    // Jar name prefix -> package prefix, for the libraries cut to what the other jars reach.
    private static final Map<String, String> TRIMMED = Map.of("fastutil-", "it/unimi/dsi/fastutil/",
            "icu4j-", "com/ibm/icu/");
    private static final String PLOTLY_WEBJAR = "plotly.js-dist-";

    private final boolean withTestcontainers;
    private final List<String> leftOut = new ArrayList<>();
    private long bytesLeftOut;

    KernelspecJars(boolean withTestcontainers) {
        this.withTestcontainers = withTestcontainers;
    }

    /** Copies every jar of {@code libs} that this platform needs into {@code target}. */
    void copy(Path libs, Path target) throws IOException {
        Set<String> testcontainersOnly = jarNames(libs.getParent().resolve(TESTCONTAINERS_DIR));
        List<Path> jars;
        try (Stream<Path> files = Files.list(libs)) {
            jars = files.sorted().toList();
        }
        int testcontainersJars = 0;
        long testcontainersBytes = 0;
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!withTestcontainers && testcontainersOnly.contains(name)) {
                testcontainersJars++;
                testcontainersBytes += Files.size(jar);
            } else if (name.startsWith(PLOTLY_WEBJAR)) {
                leftOut.add(name + " (plotly.js is beside kernel.json)");
                bytesLeftOut += Files.size(jar);
            } else if (trimmedPackage(name) == null) {
                copyForThisPlatform(jar, target.resolve(name));
            }
        }
        // Last, so that every other jar that will be installed is there to say what it reaches.
        List<Path> users;
        try (Stream<Path> files = Files.list(target)) {
            users = files.toList();
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            String packagePrefix = trimmedPackage(name);
            if (packagePrefix != null) {
                ReachableClasses.Result kept = new ReachableClasses(packagePrefix).copy(jar, users, target.resolve(name));
                bytesLeftOut += Files.size(jar) - Files.size(target.resolve(name));
                leftOut.add((kept.classes() - kept.kept()) + " of " + kept.classes() + " classes of " + name
                        + " that no other jar reaches");
            }
        }
        if (testcontainersJars > 0) {
            leftOut.add(testcontainersJars + " jars of Testcontainers (" + megabytes(testcontainersBytes)
                    + "; --with-testcontainers adds them)");
            bytesLeftOut += testcontainersBytes;
        }
    }

    /** What {@link #copy} left out, one phrase each, for the installer's report. */
    List<String> leftOut() {
        return Collections.unmodifiableList(leftOut);
    }

    long bytesLeftOut() {
        return bytesLeftOut;
    }

    /** True for a server binary (by its name in a jar) that is not for this operating system and processor. */
    static boolean isOtherPlatformBinary(String entryName) {
        if (REDIS_SERVER.matcher(entryName).matches()) {
            return !entryName.endsWith(Platform.redisServerSuffix());
        }
        if (POSTGRES_ARCHIVE.matcher(entryName).matches()) {
            return !entryName.equals(Platform.postgresArchiveName());
        }
        return false;
    }

    private void copyForThisPlatform(Path jar, Path target) throws IOException {
        List<String> others = new ArrayList<>();
        boolean payloadKept = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (isOtherPlatformBinary(entry.getName())) {
                    others.add(entry.getName());
                    bytesLeftOut += entry.getCompressedSize();
                } else if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                    payloadKept = true;
                }
            }
            String name = jar.getFileName().toString();
            if (others.isEmpty()) {
                Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            } else if (!payloadKept) {
                leftOut.add(name + " (binaries for another platform: " + String.join(", ", others) + ")");
            } else {
                writeWithout(zip, Set.copyOf(others), target);
                leftOut.add(others.size() + " other platforms' binaries from " + name);
            }
        }
    }

    /** A copy of {@code zip} without {@code dropped}, entries in their order (the manifest stays first). */
    private static void writeWithout(ZipFile zip, Set<String> dropped, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (dropped.contains(entry.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static String trimmedPackage(String jarName) {
        return TRIMMED.entrySet().stream().filter(e -> jarName.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Set<String> jarNames(Path directory) throws IOException {
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
