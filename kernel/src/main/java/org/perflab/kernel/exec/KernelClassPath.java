package org.perflab.kernel.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path the cells see: the kernel's own, with the {@code Class-Path} entries of jar
 * manifests expanded. The installed kernel runs as {@code java -jar perflab-kernel.jar}, whose
 * manifest names the library and its dependencies; the child JVM and JShell's compiler need them
 * listed one by one.
 */
public final class KernelClassPath {

    private KernelClassPath() {
    }

    public static List<Path> resolve() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String part : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!part.isBlank()) {
                add(Path.of(part).toAbsolutePath().normalize(), entries);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            Path base = entry.getParent();
            for (String relative : classPath.trim().split("\\s+")) {
                Path dependency = base.resolve(relative).normalize();
                if (Files.exists(dependency)) {
                    add(dependency, entries);
                }
            }
        } catch (IOException e) {
            // An unreadable jar contributes only itself; the JVM will report it if it matters.
        }
    }
}
