package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.kernel.client.ExecutionResult;
import org.perflab.testing.Network;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The magics that change what cells can see: %load, %classpath and %maven. */
class MagicsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(300);

    @RegisterExtension
    static final SharedKernel shared = new SharedKernel();

    @Test
    void loadRunsAFileOfSnippets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.jsh");
        Files.writeString(file, "int loadedTwice(int x) { return 2 * x; }\nint loadedValue = loadedTwice(21);\n");
        ExecutionResult load = shared.client().execute("%load " + file, TIMEOUT);
        assertEquals("ok", load.status(), load.toString());
        assertEquals("42", shared.client().execute("loadedValue", TIMEOUT).resultText().orElseThrow());
        assertEquals("UsageError", shared.client().execute("%load " + dir.resolve("missing.jsh"), TIMEOUT)
                .error().orElseThrow().get("ename").getAsString());
    }

    @Test
    void classpathAddsCompiledClasses(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo; public class Greeter { public static String hello() { return \"hi from a jar dir\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, javac);
        ExecutionResult added = shared.client().execute("%classpath " + classes, TIMEOUT);
        assertTrue(added.stdout().contains("Added to the class path"), added.toString());
        assertEquals("hi from a jar dir", shared.client().execute("demo.Greeter.hello()", TIMEOUT).resultText().orElseThrow());
    }

    @Test
    @Network   // resolves from Maven Central unless the artifact is in the local repository already
    void mavenResolvesAnArtifactWithItsDependencies() {
        ExecutionResult resolved = shared.client().execute("%maven commons-codec:commons-codec:1.17.1", TIMEOUT);
        assertEquals("ok", resolved.status(), resolved.toString());
        ExecutionResult hashed = shared.client().execute(
                "org.apache.commons.codec.digest.DigestUtils.sha256Hex(\"abc\")", TIMEOUT);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashed.resultText().orElseThrow());
        assertEquals("UsageError", shared.client().execute("%maven not-a-coordinate", TIMEOUT)
                .error().orElseThrow().get("ename").getAsString());
    }
}
