package org.perflab.kernel.install;

import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records class-data-sharing archives for an installed kernel: one run of the kernel, with a few
 * typical cells, under {@code -XX:ArchiveClassesAtExit}, for the kernel JVM ({@code kernel.jsa})
 * and the child JVM ({@code child.jsa}). Later starts map those classes instead of loading and
 * verifying them, which shortens the time to the first result. The archives belong to the JDK that
 * recorded them; with another JDK the JVM ignores them and starts as usual.
 */
final class ClassDataTraining {

    static final String KERNEL_ARCHIVE = "kernel.jsa";
    static final String CHILD_ARCHIVE = "child.jsa";
    private static final List<String> CELLS = List.of(
            "1 + 1",
            "System.out.println(\"warm\");",
            "display(Table.create(\"t\", DoubleColumn.create(\"x\", new double[] {1, 2, 3})));",
            "int warm = 3;",
            "warm * 2",
            "String s = null; s.length()");

    private ClassDataTraining() {
    }

    /** How many training runs to try for both archives: a busy machine can cost one of them. */
    private static final int ATTEMPTS = 2;

    /**
     * Runs the training until both archives are written, at most twice; answers whether they were, and says which is
     * missing when not. Failures only cost start-up time.
     */
    static boolean record(Path kernelspecDir) {
        List<String> missing = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (!recordOnce(kernelspecDir)) {
                return false;   // the run itself failed, and said why
            }
            missing = missingArchives(kernelspecDir);
            if (missing.isEmpty()) {
                return true;
            }
        }
        System.err.println("Class-data archive " + String.join(" and ", missing) + " was not recorded in " + ATTEMPTS
                + " training runs; the kernel works without it, only its start-up is slower (run install again on a"
                + " quieter machine to record it).");
        return false;
    }

    private static List<String> missingArchives(Path kernelspecDir) {
        List<String> missing = new ArrayList<>();
        for (String archive : List.of(KERNEL_ARCHIVE, CHILD_ARCHIVE)) {
            if (!Files.isRegularFile(kernelspecDir.resolve(archive))) {
                missing.add(archive);
            }
        }
        return missing;
    }

    /** One training run; false (with the reason printed) when the kernel could not run it. */
    private static boolean recordOnce(Path kernelspecDir) {
        Path kernelArchive = kernelspecDir.resolve(KERNEL_ARCHIVE);
        Path childArchive = kernelspecDir.resolve(CHILD_ARCHIVE);
        try {
            Files.deleteIfExists(kernelArchive);
            Files.deleteIfExists(childArchive);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(KernelspecInstaller.KERNEL_JVM_OPTIONS);
            command.add("-XX:ArchiveClassesAtExit=" + kernelArchive);
            command.add("-jar");
            command.add(kernelspecDir.resolve("perflab-kernel.jar").toString());
            command.add("kernel");
            command.add(KernelLauncher.CONNECTION_FILE_PLACEHOLDER);
            try (KernelProcess kernel = KernelLauncher.builder(command)
                    .environment("PERFLAB_CHILD_JVM_OPTS", "-XX:ArchiveClassesAtExit=" + childArchive)
                    .shutdownGrace(Duration.ofSeconds(30))
                    .launch()) {
                for (String cell : CELLS) {
                    ExecutionResult ignored = kernel.client().execute(cell, Duration.ofSeconds(60));
                }
            }
            return true;
        } catch (Exception e) {
            System.err.println("Class-data archives were not recorded (" + e.getMessage()
                    + "); the kernel works without them, only its start-up is slower.");
            return false;
        }
    }
}
