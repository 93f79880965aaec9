package org.perflab.kernel.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding JDKs from their release files, as Debian's and Adoptium's packages lay them out. */
class JdkTest {

    @TempDir
    Path jvm;

    private Path fakeJdk(String name, String release) throws IOException {
        Path home = jvm.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin/java"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), release);
        return home;
    }

    private static String release(String implementor, String version, String modules) {
        return "IMPLEMENTOR=\"" + implementor + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\nJAVA_VERSION=\""
                + version.split("\\+")[0] + "\"\nMODULES=\"" + modules + "\"\n";
    }

    @Test
    void readsTheFeatureVersionAndImplementorFromTheReleaseFile() throws IOException {
        Jdk jdk = Jdk.of(fakeJdk("temurin-25-jdk-amd64", release("Eclipse Adoptium", "25.0.3+9-LTS", "java.base jdk.jshell")));
        assertEquals(25, jdk.featureVersion());
        assertEquals("25.0.3+9-LTS", jdk.version());
        assertEquals("25 Eclipse Adoptium", jdk.label());
        assertEquals(jvm.resolve("temurin-25-jdk-amd64/bin/java"), jdk.java());
        assertEquals(17, Jdk.featureOf("17.0.15+6-Debian-1deb12u1"));
        assertEquals(21, Jdk.featureOf("21"));
    }

    @Test
    void refusesADirectoryWithoutJavaOrWithoutJShell() throws IOException {
        Path sources = Files.createDirectories(jvm.resolve("openjdk-17"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Jdk.of(sources)).getMessage()
                .contains("is not a JDK (no bin/java or no release file)"));
        Path jre = fakeJdk("jre-21", release("Debian", "21.0.5+11", "java.base java.logging"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Jdk.of(jre)).getMessage()
                .contains("has no jdk.jshell module"));
    }

    @Test
    void discoversEachJdkOnceFirstTheGivenOneAndLeavesOutOldOnesAndNonJdks() throws IOException {
        Path seventeen = fakeJdk("java-17-openjdk-amd64", release("Debian", "17.0.15+6-Debian-1deb12u1", "java.base jdk.jshell"));
        Files.createSymbolicLink(jvm.resolve("java-1.17.0-openjdk-amd64"), seventeen);
        fakeJdk("temurin-25-jdk-amd64", release("Eclipse Adoptium", "25.0.3+9-LTS", "java.base jdk.jshell"));
        fakeJdk("java-11-openjdk-amd64", release("Debian", "11.0.25+9", "java.base jdk.jshell"));
        Files.createDirectories(jvm.resolve("openjdk-17"));

        List<Jdk> found = Jdk.discover(Jdk.of(jvm.resolve("temurin-25-jdk-amd64")), jvm);

        assertEquals(List.of(25, 17), found.stream().map(Jdk::featureVersion).toList());
        assertEquals(List.of(jvm.resolve("temurin-25-jdk-amd64"), jvm.resolve("java-1.17.0-openjdk-amd64")),
                found.stream().map(Jdk::home).toList());
        assertEquals(1, Jdk.discover(Jdk.of(seventeen), jvm.resolve("missing")).size());
    }
}
