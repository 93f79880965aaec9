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
 * Real cache traces, read straight from the jar of Caffeine's simulator
 * ({@code com.github.ben-manes.caffeine:simulator}, Apache-2.0), which ships them as resources. Only
 * the files are used, with readers of our own; none of the simulator's code runs.
 * <ul>
 *   <li>LIRS traces ({@link #lirs}): text, one block number per line ({@code *} lines are checkpoints,
 *       skipped), gzip-compressed. The block traces of Jiang and Zhang's LIRS paper (SIGMETRICS 2002),
 *       collected in their own earlier work and others': sprite (Sprite file system), multi1-3 (mixes
 *       of programs), cpp, cs, gli, ps, 2_pools, and the synthetic loop, scan and zigzag. No licence of
 *       their own is stated; they are redistributed in the Apache-2.0 simulator jar.</li>
 *   <li>cache2k traces ({@link #cache2k}): big-endian 32-bit integers, xz-compressed. Application traces
 *       from headissue GmbH (Jens Wilke), licensed CC BY 4.0: orm-busy and orm-night (object access of
 *       an e-commerce application by day and by night), web07 and web12 (product detail page requests,
 *       July and December 2013).</li>
 * </ul>
 */
public final class PublishedTraces {

    /** The artifact that carries the traces; PerfLab's kernel ships it. */
    public static final String ARTIFACT = "com.github.ben-manes.caffeine:simulator:3.2.4";
    private static final String ROOT = "com/github/benmanes/caffeine/cache/simulator/parser/";
    private static final List<String> LIRS = List.of("2_pools", "backf", "cpp", "cs", "gli", "loop", "multi1",
            "multi2", "multi3", "ps", "scan", "sprite", "zigzag");
    private static final List<String> CACHE2K = List.of("orm-busy", "orm-night", "web07", "web12");
    private static final String LIRS_SOURCE = "LIRS trace set (Jiang & Zhang, SIGMETRICS 2002), from " + ARTIFACT
            + " (Apache-2.0 jar; no separate trace licence stated)";
    private static final String CACHE2K_SOURCE = "cache2k traces by headissue GmbH / Jens Wilke, CC BY 4.0, from "
            + ARTIFACT;

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

    /** True when the simulator jar is on the class path. */
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
            throw new IllegalStateException("The trace " + path + " is not on the class path: it comes from " + ARTIFACT
                    + ". PerfLab's kernel ships that jar; elsewhere add it as a dependency (or %maven " + ARTIFACT
                    + " in a notebook).");
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
