package org.perflab.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeepingFileManagerTest {

    /** javac's own file manager, recording the options that reach it. */
    private static StandardJavaFileManager recording(List<String> options) {
        StandardJavaFileManager real = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        return (StandardJavaFileManager) Proxy.newProxyInstance(IndexKeepingFileManagerTest.class.getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        @SuppressWarnings("unchecked")
                        Iterator<String> rest = (Iterator<String>) args[1];
                        List<String> values = new ArrayList<>();
                        rest.forEachRemaining(values::add);
                        options.add(args[0] + " " + String.join(" ", values));
                        return real.handleOption((String) args[0], values.iterator());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRepeatedMultiReleaseSettingStopsHereAndAChangedOneGoesThrough() {
        List<String> reached = new ArrayList<>();
        IndexKeepingFileManager fileManager = new IndexKeepingFileManager(recording(reached));

        assertTrue(fileManager.handleOption("--multi-release", List.of("17").iterator()));
        assertTrue(fileManager.handleOption("--multi-release", List.of("17").iterator()));
        assertTrue(fileManager.handleOption("--multi-release", List.of("17").iterator()));
        assertTrue(fileManager.handleOption("--multi-release", List.of("21").iterator()));

        assertEquals(List.of("--multi-release 17", "--multi-release 21"), reached);
    }

    @Test
    void otherOptionsAlwaysReachJavac(@TempDir Path dir) {
        List<String> reached = new ArrayList<>();
        IndexKeepingFileManager fileManager = new IndexKeepingFileManager(recording(reached));

        fileManager.handleOption("-classpath", List.of(dir.toString()).iterator());
        fileManager.handleOption("-classpath", List.of(dir.toString()).iterator());

        assertEquals(List.of("-classpath " + dir, "-classpath " + dir), reached);
    }

    /**
     * What the kept index must not break: a class added to the class path after many compilations is found by the
     * next one (JShell sets the class path option, which rebuilds the index).
     */
    @Test
    void aClassAddedToTheClassPathLaterIsStillFound(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/late/Added.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package late; public class Added { public static int answer() { return 42; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), source.toString()));

        try (JShell shell = JShell.builder().executionEngine("local").fileManager(IndexKeepingFileManager::new).build()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("2", value(shell, "1 + 1"));
            }
            assertEquals(Snippet.Status.REJECTED, status(shell, "late.Added.answer()"));
            shell.addToClasspath(classes.toString());
            assertEquals("42", value(shell, "late.Added.answer()"));
        }
    }

    private static String value(JShell shell, String code) {
        SnippetEvent event = shell.eval(code).get(0);
        assertEquals(Snippet.Status.VALID, event.status(), () -> shell.diagnostics(event.snippet()).toList().toString());
        return event.value();
    }

    private static Snippet.Status status(JShell shell, String code) {
        return shell.eval(code).get(0).status();
    }
}
