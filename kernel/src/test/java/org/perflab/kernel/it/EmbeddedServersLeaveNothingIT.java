package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.perflab.kernel.client.ExecuteOptions;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;
import org.perflab.testing.Slow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL and redis-server a notebook starts leave nothing behind, however its
 * kernel ends: a notebook that closes them, a kernel shut down or restarted with them open, an
 * interrupted cell, a kernel killed with SIGKILL, and a run the notebook runner stops at a failing
 * verdict. "Nothing" means: the run directories the servers reported (data directory, log) are gone,
 * and no process runs in them. These run as whoever runs the tests; as root the servers run as
 * {@code nobody}, which the notes must say.
 */
@Slow
class EmbeddedServersLeaveNothingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** The watcher gives a server 15 s to stop before SIGKILL; a clean stop takes well under 1 s. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);
    private static final Pattern RUN_DIRECTORY = Pattern.compile("(/\\S*/perflab-[^/\\s]+/(?:postgres|redis)-\\d+)");

    // Both choosers with nothing configured and no Docker, whatever the test's environment exports.
    private static final String OPEN_BOTH = String.join("\n",
            "import org.perflab.db.*; import org.perflab.cache.*; import java.util.Optional;",
            "Database db = DatabaseChooser.builder().settings(Optional.empty()).tryTestcontainers(false).build().choose();",
            "Redis redis = RedisChooser.builder().settings(Optional.empty()).tryTestcontainers(false).build().choose();",
            "System.out.println(db.describe());",
            "System.out.println(redis.describe());");

    @Test
    void closingTheServersInTheNotebookRemovesThem() throws Exception {
        try (KernelProcess kernel = launch()) {
            List<Path> runs = openBoth(kernel);
            ExecutionResult closed = kernel.client().execute("redis.close(); db.close();", TIMEOUT);
            assertTrue(closed.isOk(), closed + " " + closed.error() + " " + closed.stdout() + closed.stderr());
            assertGone(runs);
        }
    }

    @Test
    void aShutdownOrRestartWithTheServersOpenRemovesThem() throws Exception {
        for (boolean restart : new boolean[] {false, true}) {
            try (KernelProcess kernel = launch()) {
                List<Path> runs = openBoth(kernel);
                kernel.client().shutdown(restart, TIMEOUT);
                assertGone(runs);
            }
        }
    }

    @Test
    void sigkillOfTheKernelRemovesThem() throws Exception {
        try (KernelProcess kernel = launch()) {
            List<Path> runs = openBoth(kernel);
            ProcessHandle.of(kernel.pid()).orElseThrow().destroyForcibly();
            assertGone(runs);
        }
    }

    /**
     * A cell interrupted while it uses the database: either the interrupt keeps the variables and
     * closing the servers afterwards removes them, or the cells' JVM was replaced and took them with
     * it. A kernel killed after an interrupt in the middle of starting them leaves nothing either.
     */
    @Test
    void anInterruptedCellLeavesNothingOnceTheKernelEnds() throws Exception {
        try (KernelProcess kernel = launch()) {
            List<Path> runs = openBoth(kernel);
            var busy = kernel.client().submit(String.join("\n",
                    "try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {",
                    "    s.execute(\"SELECT pg_sleep(60)\");",
                    "}"), ExecuteOptions.defaults());
            Thread.sleep(1_000);
            kernel.client().interrupt(TIMEOUT);
            assertEquals("error", busy.await(Duration.ofSeconds(30)).status());
            ExecutionResult closed = kernel.client().execute("redis.close(); db.close();", TIMEOUT);
            if (!closed.isOk()) {
                String error = String.valueOf(closed.error());
                assertTrue(error.contains("cannot find symbol"), "close failed for another reason than lost"
                        + " variables: " + error);
            }
            assertGone(runs);

            List<Path> before = runDirectories();
            var starting = kernel.client().submit(OPEN_BOTH, ExecuteOptions.defaults());
            Thread.sleep(300);
            kernel.client().interrupt(TIMEOUT);
            starting.await(Duration.ofSeconds(60));
            List<Path> during = newSince(before);
            ProcessHandle.of(kernel.pid()).orElseThrow().destroyForcibly();
            assertGone(during);
            assertEquals(List.of(), newSince(before), "run directories left behind");
        }
    }

    /** The runner stops at a verdict that fails; the servers the notebook opened go with its kernel. */
    @Test
    void aRunStoppedByAFailingVerdictRemovesThem() throws Exception {
        Path directory = Files.createTempDirectory("perflab-failing-notebook-");
        try {
            Path notebook = directory.resolve("failing.ipynb");
            Files.writeString(notebook, notebookOf(OPEN_BOTH, "System.out.println(\"FAIL deliberately, to stop the run\");",
                    "System.out.println(\"not reached\");"));
            List<Path> before = runDirectories();
            InstalledKernel.JarRun run = InstalledKernel.runJar(List.of("run", "--timeout-seconds", "120", "--write-partial",
                    "--output-dir", directory.resolve("out").toString(), notebook.toString()), Map.of(),
                    Duration.ofMinutes(5));
            assertTrue(run.finished(), run.output());
            assertNotEquals(0, run.exitCode(), "the failing verdict did not fail the run:\n" + run.output());
            Path executedFile = directory.resolve("out/failing.ipynb");
            assertTrue(Files.exists(executedFile), "no executed notebook:\n" + run.output());
            String executed = Files.readString(executedFile);
            List<Path> runs = runDirectoriesIn(executed);
            assertEquals(2, runs.size(), "the notebook did not report both servers' directories:\n" + executed);
            assertGone(runs);
            assertEquals(List.of(), newSince(before), "run directories left behind");
        } finally {
            org.perflab.env.ChildProcesses.deleteRecursively(directory);
        }
    }

    private static KernelProcess launch() {
        return KernelLauncher.builder(InstalledKernel.kernelCommand()).launch();
    }

    /** Opens both servers in a cell and returns their run directories, which exist at that moment. */
    private static List<Path> openBoth(KernelProcess kernel) {
        ExecutionResult opened = kernel.client().execute(OPEN_BOTH, TIMEOUT);
        assertTrue(opened.isOk(), opened.toString());
        String out = opened.stdout();
        assertTrue(out.contains("(embedded PostgreSQL)"), out);
        assertTrue(out.contains("(embedded redis-server)"), out);
        assertTrue(out.contains(org.perflab.env.ServerAccount.isRoot() ? "runs as nobody (this JVM is root"
                : "runs as " + System.getProperty("user.name")), out);
        List<Path> runs = runDirectoriesIn(out);
        assertEquals(2, runs.size(), out);
        runs.forEach(run -> assertTrue(Files.isDirectory(run), run + " does not exist while the server runs"));
        return runs;
    }

    private static List<Path> runDirectoriesIn(String text) {
        List<Path> runs = new ArrayList<>();
        Matcher matcher = RUN_DIRECTORY.matcher(text.replace("\\n", "\n"));
        while (matcher.find()) {
            Path run = Path.of(matcher.group(1));
            if (!runs.contains(run)) {
                runs.add(run);
            }
        }
        return runs;
    }

    /** Waits until none of {@code runs} exists and no process runs in one; fails naming what is left. */
    private static void assertGone(List<Path> runs) throws InterruptedException {
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        List<String> left = leftovers(runs);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = leftovers(runs);
        }
        assertEquals(List.of(), left, "left behind after " + GONE_WITHIN.toSeconds() + " s");
    }

    private static List<String> leftovers(List<Path> runs) {
        List<String> left = new ArrayList<>();
        for (Path run : runs) {
            if (Files.exists(run)) {
                left.add("directory " + run);
            }
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.contains(run.toString())).orElse(false))
                    .forEach(p -> left.add("process " + p.pid() + ": " + p.info().commandLine().orElse("?")));
        }
        return left;
    }

    /** The run directories under this user's perflab temp folder right now. */
    private static List<Path> runDirectories() throws IOException {
        Path root = org.perflab.env.GuardedServer.runRoot();
        try (Stream<Path> children = Files.list(root)) {
            return new ArrayList<>(children.toList());
        }
    }

    private static List<Path> newSince(List<Path> before) throws IOException {
        List<Path> now = runDirectories();
        now.removeAll(before);
        return now;
    }

    private static String notebookOf(String... cells) {
        StringBuilder json = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c")
                    .append(i).append("\", \"metadata\": {}, \"outputs\": [], \"source\": ")
                    .append(new com.google.gson.JsonPrimitive(cells[i]))
                    .append('}');
        }
        json.append("], \"metadata\": {\"kernelspec\": {\"name\": \"perflab-java\", \"display_name\": \"Java (PerfLab)\","
                + " \"language\": \"java\"}, \"language_info\": {\"name\": \"java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        return json.toString();
    }
}
