package org.perflab.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of a class library that keeps only the classes other jars can reach. Two libraries Tablesaw
 * brings are the case: fastutil, 21 MB of primitive collections for every type pair, of which Tablesaw
 * names about a hundred classes (3.4 MB with all they reach in turn); and ICU4J, 14 MB, mostly locale
 * data, of which Tablesaw uses only the charset detector (49 classes, 60 kB, no data).
 *
 * <p>Reachability is by name: every class file's bytes are searched for the library's package prefix
 * ({@code it/unimi/dsi/fastutil/...}), which finds each class named in a constant pool, a descriptor or
 * a generic signature. That over-approximates (a name in a string constant counts too), which is the
 * safe direction; it misses only a class whose name is assembled at run time, which the kept classes of
 * these two do not do. Non-class entries inside the library's packages (ICU's locale data) go too,
 * because the kept classes read none; entries outside them (META-INF, licences) stay.
 * {@code InstalledFootprintIT} reads a CSV file through Tablesaw from the installed jars to check it.
 */
final class ReachableClasses {

    private final String packagePrefix;
    private final Pattern className;

    /** For the library whose classes live under {@code packagePrefix}, e.g. {@code it/unimi/dsi/fastutil/}. */
    ReachableClasses(String packagePrefix) {
        this.packagePrefix = packagePrefix;
        this.className = Pattern.compile(Pattern.quote(packagePrefix) + "[A-Za-z0-9_/$]+");
    }

    /** Writes to {@code target} the entries of {@code library} that the classes of {@code users} reach. */
    Result copy(Path library, List<Path> users, Path target) throws IOException {
        Set<String> roots = new HashSet<>();
        for (Path jar : users) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".class")) {
                        namesIn(read(zip, entry), roots);
                    }
                }
            }
        }
        try (ZipFile zip = new ZipFile(library.toFile())) {
            Map<String, ZipEntry> classes = new HashMap<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class")) {
                    classes.put(entry.getName().substring(0, entry.getName().length() - ".class".length()), entry);
                }
            }
            Set<String> kept = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>(roots);
            while (!pending.isEmpty()) {
                String name = pending.pop();
                ZipEntry entry = classes.get(name);
                if (entry != null && kept.add(name)) {
                    Set<String> referenced = new HashSet<>();
                    namesIn(read(zip, entry), referenced);
                    pending.addAll(referenced);
                }
            }
            try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    String name = entry.getName();
                    boolean isClass = name.endsWith(".class");
                    if (isClass ? !kept.contains(name.substring(0, name.length() - ".class".length()))
                            : name.startsWith(packagePrefix)) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return new Result(classes.size(), kept.size());
        }
    }

    /** How many classes the library had and how many the copy keeps. */
    record Result(int classes, int kept) {
    }

    private void namesIn(byte[] classFile, Set<String> names) {
        // Class names are ASCII, so ISO-8859-1 maps the constant pool's bytes one to one.
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        if (!text.contains(packagePrefix)) {
            return;
        }
        Matcher m = className.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
