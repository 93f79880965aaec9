package org.perflab.kernel.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * The file manager JShell compiles cells with, keeping javac's index of the class path from one compilation to the
 * next.
 *
 * <p>Why: javac's file manager indexes every package directory of every class-path jar, and drops that index whenever
 * a file-manager option is set. javac sets {@code --multi-release} on the file manager at the start of every
 * compilation task, always to the same value, and JShell runs about five tasks per snippet. With the kernel's
 * class path (the library and its 80-odd jars), rebuilding the index five times was about a third of the kernel's CPU
 * per trivial cell: measured in-process on JDK 17, C1 only, median CPU per {@code 1 + 1} snippet fell from 15 to 10
 * ms, and on Temurin 25 by a similar share. A repeated option with an unchanged value is therefore answered here and
 * not passed on; a changed value, and every other option (the class path JShell sets when a jar is added) reach
 * javac's file manager as before, so the index is rebuilt exactly when what it indexes changes.
 */
final class IndexKeepingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    static final String MULTI_RELEASE = "--multi-release";

    /** The last value of {@code --multi-release} passed on, or null before the first. */
    private String multiRelease;

    IndexKeepingFileManager(StandardJavaFileManager fileManager) {
        super(Objects.requireNonNull(fileManager, "fileManager"));
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (!MULTI_RELEASE.equals(current) || !remaining.hasNext()) {
            return super.handleOption(current, remaining);
        }
        String value = remaining.next();
        synchronized (this) {
            if (value.equals(multiRelease)) {
                return true;   // the same setting again: keep the index javac would otherwise throw away
            }
            boolean handled = fileManager.handleOption(current, List.of(value).iterator());
            multiRelease = value;
            return handled;
        }
    }

    // StandardJavaFileManager: everything goes to javac's own file manager, default methods included (their
    // interface defaults convert paths to files, which javac's implementation does not need).

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return fileManager.isSameFile(a, b);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }
}
