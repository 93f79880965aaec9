package org.perflab.cache;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Real cache traces, the few the workbook replays, packaged in this library's jar from the repository's
 * {@code data/traces} (whose README gives each one's origin, checksum and licence). They are the files
 * Caffeine's simulator ({@code com.github.ben-manes.caffeine:simulator:3.2.4}) ships, byte for byte; that
 * 96 MB jar is no longer needed for them. Read with readers of our own:
 * <ul>
 *   <li>LIRS traces ({@link #lirs}): text, one block number per line ({@code *} lines are checkpoints,
 *       skipped), gzip-compressed. Block traces of Jiang and Zhang's LIRS paper (SIGMETRICS 2002),
 *       collected in their own earlier work and others': sprite (Sprite file system), multi1 and multi2
 *       (mixes of programs), cpp, cs, gli, and the synthetic loop. No licence of their own is stated;
 *       Caffeine's simulator redistributes them in its Apache-2.0 jar.</li>
 *   <li>cache2k traces ({@link #cache2k}): big-endian 32-bit integers, xz-compressed. Application traces
 *       from headissue GmbH (Jens Wilke), licensed CC BY 4.0: web07 and web12 (product detail page
 *       requests, July and December 2013).</li>
 * </ul>
 */
public final class PublishedTraces {

    /** Where the traces were taken from, unchanged: the jar of Caffeine's simulator on Maven Central. */
    public static final String ORIGIN = "com.github.ben-manes.caffeine:simulator:3.2.4";
    /** The traces' place in this library's jar; the build copies them there from data/traces. */
    static final String ROOT = "org/perflab/cache/traces/";
    // Only the traces notebook 07 and the tests replay; data/README.md lists them.
    private static final List<String> LIRS = List.of("cpp", "cs", "gli", "loop", "multi1", "multi2", "sprite");
    private static final List<String> CACHE2K = List.of("web07", "web12");
    private static final String LIRS_SOURCE = "LIRS trace set (Jiang & Zhang, SIGMETRICS 2002), as distributed in "
            + ORIGIN + " (Apache-2.0 jar; no separate trace licence stated)";
    private static final String CACHE2K_SOURCE = "cache2k traces by headissue GmbH / Jens Wilke, CC BY 4.0, as distributed in "
            + ORIGIN;

    private PublishedTraces() {
    }

    /** Names {@link #lirs} accepts. */
    public static List<String> lirsNames() {
        return LIRS;
    }

    /** Names {@link #cache2k} accepts. */
    public static List<String> cache2kNames() {
        return CACHE2K;
    }

    /** True when the traces are on the class path (they are packaged in this library's jar). */
    public static boolean available() {
        return PublishedTraces.class.getClassLoader().getResource(ROOT + "lirs/sprite.trace.gz") != null;
    }

    /** One of the LIRS traces, e.g. "sprite", "multi2", "loop". */
    public static AccessTrace lirs(String name) {
        requireKnown(name, LIRS, "LIRS");
        try (InputStream in = new GZIPInputStream(open("lirs/" + name + ".trace.gz"));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            IntList keys = new IntList();
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty() && !line.equals("*")) {
                    keys.add(Integer.parseInt(line));
                }
            }
            return AccessTrace.of("LIRS " + name, LIRS_SOURCE, keys.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LIRS trace " + name + ": " + e.getMessage(), e);
        }
    }

    /** One of the cache2k traces, e.g. "web07", "orm-busy". */
    public static AccessTrace cache2k(String name) {
        requireKnown(name, CACHE2K, "cache2k");
        try (DataInputStream in = new DataInputStream(new XZInputStream(open("cache2k/" + name + ".trace.xz")))) {
            IntList keys = new IntList();
            while (true) {
                try {
                    keys.add(in.readInt());
                } catch (EOFException end) {
                    break;
                }
            }
            return AccessTrace.of("cache2k " + name, CACHE2K_SOURCE, keys.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache2k trace " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = PublishedTraces.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("The trace " + ROOT + path + " is not on the class path: the library's"
                    + " build packages it from data/traces; rebuild perflab-lib from the repository"
                    + " (mvn -q install -DskipTests) rather than from a copy without data/.");
        }
        return new java.io.BufferedInputStream(in, 1 << 16);
    }

    private static void requireKnown(String name, List<String> names, String family) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no " + family + " trace named '" + name + "'; there are " + names);
        }
    }

    /** A growable int array: traces run to millions of requests, too many to box. */
    private static final class IntList {
        private int[] values = new int[1 << 16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
