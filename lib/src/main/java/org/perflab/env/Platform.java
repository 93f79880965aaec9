package org.perflab.env;

import java.util.Locale;

/**
 * This JVM's operating system and processor in the names the server-binary jars use. One place for
 * it, because the embedded servers pick their binaries by it and the kernel's installer drops every
 * other platform's binaries by the same rule.
 */
public final class Platform {

    private Platform() {
    }

    /** {@code linux}, {@code darwin} or {@code windows}. */
    public static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    }

    /** True on 64-bit ARM (aarch64), false on x86-64 (the only other processor the jars offer). */
    public static boolean isArm64() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** zonky's name for this platform's PostgreSQL archive, e.g. {@code postgres-linux-x86_64.txz}. */
    public static String postgresArchiveName() {
        return "postgres-" + system() + "-" + (isArm64() ? "arm_64" : "x86_64") + ".txz";
    }

    /**
     * How embedded-redis's binary for this platform ends, e.g. {@code -linux-amd64} for
     * {@code redis-server-6.2.6-v5-linux-amd64}, {@code -windows-amd64.exe} on Windows.
     */
    public static String redisServerSuffix() {
        String system = system();
        return "-" + system + "-" + (isArm64() ? "arm64" : "amd64") + (system.equals("windows") ? ".exe" : "");
    }
}
