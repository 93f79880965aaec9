package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import org.perflab.testing.Services;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.scaling.FleetTesting.endsWithin;
import static org.perflab.scaling.FleetTesting.isAlive;

/** A notebook JVM killed with SIGKILL runs no shutdown hook: its instances must notice and exit by themselves. */
@Services
class ServiceFleetParentDeathIT {

    @Test
    void anInstanceExitsWhenTheJvmThatStartedItIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path[] logs = new Path[1];
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FleetHolder.class.getName())).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> pidLine = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        if (line.startsWith("logs ")) {
                            logs[0] = Path.of(line.substring("logs ".length()));
                        } else if (line.startsWith("instance-pid ")) {
                            return line;
                        }
                    }
                    return "(holder ended without starting its fleet)";
                } catch (java.io.IOException e) {
                    return "(could not read the holder: " + e + ")";
                }
            });
            String line = pidLine.get(60, TimeUnit.SECONDS);
            assertTrue(line.startsWith("instance-pid "), line);
            long instancePid = Long.parseLong(line.substring("instance-pid ".length()).trim());
            assertTrue(isAlive(instancePid), "the instance runs while its parent does");
            assertTrue(ProcessHandle.of(instancePid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElse(-1L) == holder.pid(), "the holder is the instance's parent");

            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook runs

            assertTrue(endsWithin(instancePid, Duration.ofSeconds(10)),
                    "instance " + instancePid + " outlived its killed parent");
        } finally {
            holder.destroyForcibly();
            // The killed holder could not delete its fleet's logs (the next fleet would); leave nothing behind now.
            if (logs[0] != null) {
                try (Stream<Path> files = Files.walk(logs[0])) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
