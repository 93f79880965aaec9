package org.perflab.kernel.magic;

import org.perflab.env.ChildProcesses;

import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Resolves Maven coordinates to jars with the user's own Maven ({@code mvn} on the PATH, or
 * {@code MAVEN_HOME}), so {@code %maven} honours their settings.xml, mirrors, proxies and local
 * repository instead of a second resolver with a configuration of its own.
 */
final class MavenResolver {

    private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private MavenResolver() {
    }

    /** The jars of {@code coordinates} (groupId:artifactId[:type[:classifier]]:version) and their runtime dependencies. */
    static List<Path> resolve(List<String> coordinates) throws IOException, InterruptedException {
        for (String c : coordinates) {
            if (!COORDINATE.matcher(c).matches()) {
                throw new IllegalArgumentException("'" + c + "' is not a Maven coordinate: use groupId:artifactId:version,"
                        + " for example %maven org.apache.commons:commons-lang3:3.14.0");
            }
        }
        // The resolved jars stay in the local repository; the scratch project goes once they are listed.
        Path dir = Files.createTempDirectory("perflab-maven");
        try {
            StringBuilder deps = new StringBuilder();
            for (String c : coordinates) {
                String[] p = c.split(":");
                String version = p[p.length - 1];
                deps.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                        .append("</artifactId><version>").append(version).append("</version>");
                if (p.length >= 4) {
                    deps.append("<type>").append(p[2]).append("</type>");
                }
                if (p.length == 5) {
                    deps.append("<classifier>").append(p[3]).append("</classifier>");
                }
                deps.append("</dependency>");
            }
            String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>perflab.magic</groupId><artifactId>resolve</artifactId><version>1</version>"
                    + "<dependencies>" + deps + "</dependencies></project>";
            Files.writeString(dir.resolve("pom.xml"), pom);
            Path out = dir.resolve("classpath.txt");
            Path log = dir.resolve("mvn.log");
            List<String> command = new ArrayList<>(List.of(mvn(), "-q", "-B", "-f", dir.resolve("pom.xml").toString(),
                    "dependency:build-classpath", "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + out));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("mvn did not finish resolving " + coordinates + " within " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0 || !Files.exists(out)) {
                String tail = Files.readString(log, StandardCharsets.UTF_8);
                throw new IOException("mvn could not resolve " + coordinates + " (exit " + process.exitValue() + "):\n"
                        + tail.substring(Math.max(0, tail.length() - 2000)));
            }
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(out).strip().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            return jars;
        } finally {
            ChildProcesses.deleteRecursively(dir);
        }
    }

    private static String mvn() {
        String home = System.getenv("MAVEN_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
