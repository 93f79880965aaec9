package org.perflab.env;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a program the way a shell would, for experiments and tools that start one (pgbouncer,
 * node, npm): each directory of {@code PATH} in order, then the places a package puts it that are
 * often not on a user's PATH ({@code /usr/sbin} for daemons).
 */
public final class Executables {

    private Executables() {
    }

    /** The first executable {@code name} on PATH, else the first executable of {@code usualPlaces}. */
    public static Optional<Path> find(String name, List<Path> usualPlaces) {
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, name));
            }
        }
        candidates.addAll(usualPlaces);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The first executable {@code name} on PATH. */
    public static Optional<Path> onPath(String name) {
        return find(name, List.of());
    }
}
