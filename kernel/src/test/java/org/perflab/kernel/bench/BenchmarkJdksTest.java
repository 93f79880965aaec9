package org.perflab.kernel.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.env.InstalledJdks.InstalledJdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which JDKs the benchmark accepts and measures by default. */
class BenchmarkJdksTest {

    @TempDir
    Path jvm;

    private Path fakeJdk(String name, String version, boolean withJShell) throws IOException {
        Path home = jvm.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        for (String program : withJShell ? List.of("java", "jshell") : List.of("java")) {
            Path file = Files.createFile(home.resolve("bin").resolve(program));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void acceptsAJdkOf17OrNewerWithJShellAndSaysWhatIsWrongWithAnyOtherDirectory() throws IOException {
        InstalledJdk jdk = BenchmarkJdks.of(fakeJdk("temurin-25-jdk-amd64", "25.0.3", true));
        assertEquals(25, jdk.feature());
        assertEquals("25.0.3", BenchmarkJdks.label(jdk));

        Path sources = Files.createDirectories(jvm.resolve("openjdk-17"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkJdks.of(sources)).getMessage()
                .contains("is not a JDK (no bin/java or no release file)"));
        Path jre = fakeJdk("jre-21", "21.0.5", false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkJdks.of(jre)).getMessage()
                .contains("has no bin/jshell (a JRE?)"));
        Path eleven = fakeJdk("java-11", "11.0.25", true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkJdks.of(eleven)).getMessage()
                .contains("is JDK 11.0.25: the kernel needs JDK 17 or newer"));
    }

    @Test
    void measuresTheGivenJdkFirstThenEachOtherNewEnoughOneOnce() throws IOException {
        InstalledJdk seventeen = BenchmarkJdks.of(fakeJdk("java-17", "17.0.15", true));
        InstalledJdk twentyFive = BenchmarkJdks.of(fakeJdk("temurin-25", "25.0.3", true));
        InstalledJdk eleven = new InstalledJdk(fakeJdk("java-11", "11.0.25", true), 11, "11.0.25");
        InstalledJdk jre = new InstalledJdk(fakeJdk("jre-21", "21.0.5", false), 21, "21.0.5");

        List<InstalledJdk> measured = BenchmarkJdks.select(twentyFive, List.of(eleven, seventeen, jre, twentyFive));

        assertEquals(List.of(twentyFive, seventeen), measured);
    }
}
