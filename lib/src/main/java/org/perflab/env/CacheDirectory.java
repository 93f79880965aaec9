package org.perflab.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where PerfLab keeps what is slow to make and the same every time: server binaries unpacked from
 * their jars, an initialised PostgreSQL data directory. {@code $XDG_CACHE_HOME/perflab} or
 * {@code ~/.cache/perflab}; for root {@code /var/cache/perflab}, because a server runs there as an
 * unprivileged account ({@link ServerAccount}) that cannot enter root's home.
 */
public final class CacheDirectory {

    /** Fills a fresh directory; it is published under its final name only once this returns. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path directory) throws IOException, InterruptedException;
    }

    private CacheDirectory() {
    }

    /** The cache's root; not created. */
    public static Path root() {
        if (ServerAccount.isRoot()) {
            return Path.of("/var/cache/perflab");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("perflab");
    }

    /**
     * {@code root()/name}, made by {@code filler} the first time and reused after. Concurrent first
     * uses each fill a directory of their own and one wins the rename, so no one ever sees a half-made
     * entry (an interrupted fill leaves only its temporary directory, deleted here).
     *
     * @return the entry, and whether this call made it
     */
    public static Entry get(String name, Filler filler) throws IOException, InterruptedException {
        Path target = root().resolve(name);
        if (Files.isDirectory(target)) {
            return new Entry(target, false);
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".making-");
        try {
            filler.fill(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return new Entry(target, true);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException lostTheRace) {
            return new Entry(target, false);
        } finally {
            try {
                ChildProcesses.deleteRecursively(staging);
            } catch (UncheckedIOException e) {
                // Left for the next call to overwrite; it is under a name no one reads.
            }
        }
    }

    /** A cache entry: where it is, and whether this call made it (a first start) or found it. */
    public record Entry(Path path, boolean made) {
    }
}
