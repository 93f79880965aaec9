package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace readers against figures published for these traces: lengths, distinct keys and Belady
 * optimum hit counts from the cache2k benchmarks' trace tests (Jens Wilke, headissue GmbH), which
 * credit them to the LIRS and UBM papers. Our LRU is checked against a second, independent LRU.
 */
class PublishedTracesTest {

    @Test
    void spriteHasItsPublishedLengthKeysAndOptimalHitRates() {
        AccessTrace sprite = PublishedTraces.lirs("sprite");
        assertEquals(133_996, sprite.length());
        assertEquals(7_075, sprite.distinctKeys());
        assertEquals(5_079, optimalHitsPer10000(sprite, 100));
        Map<Integer, Integer> threeDigits = Map.of(200, 689, 400, 846, 600, 899, 800, 922, 1000, 932);
        threeDigits.forEach((size, expected) -> assertEquals((long) expected,
                Math.round(EvictionPolicy.OPTIMAL.replay(sprite, size).ratio() * 1000), "sprite OPT at " + size));
    }

    @Test
    void multi2CppAndGlimpseMatchTheirPublishedFigures() {
        AccessTrace multi2 = PublishedTraces.lirs("multi2");
        assertEquals(26_311, multi2.length());
        assertEquals(5_684, multi2.distinctKeys());
        assertEquals(3_538, optimalHitsPer10000(multi2, 100));
        assertEquals(5_550, optimalHitsPer10000(multi2, 600));
        assertEquals(7_312, optimalHitsPer10000(multi2, 1800));
        AccessTrace cpp = PublishedTraces.lirs("cpp");
        assertEquals(9_047, cpp.length());
        assertEquals(1_223, cpp.distinctKeys());
        assertEquals(8_251, optimalHitsPer10000(cpp, 100));
        AccessTrace glimpse = PublishedTraces.lirs("gli");
        assertEquals(6_015, glimpse.length());
        assertEquals(461, EvictionPolicy.OPTIMAL.replay(glimpse, 100).hits());
    }

    @Test
    void lruGetsNothingFromALoopLargerThanTheCacheAndEverythingOnceItFits() {
        AccessTrace loop = PublishedTraces.lirs("loop");
        assertEquals(1_011, loop.distinctKeys());
        assertEquals(0, EvictionPolicy.LRU.replay(loop, 1_010).hits());
        assertEquals(loop.length() - loop.distinctKeys(), EvictionPolicy.LRU.replay(loop, 1_011).hits());
        assertTrue(EvictionPolicy.W_TINYLFU.replay(loop, 500).ratio() > 0.3, "W-TinyLFU keeps part of the loop");
    }

    @Test
    void ourLruAgreesWithAnIndependentOne() {
        AccessTrace multi1 = PublishedTraces.lirs("multi1");
        for (int size : new int[] {1, 50, 500, 2_000}) {
            assertEquals(linkedHashMapLruHits(multi1, size), EvictionPolicy.LRU.replay(multi1, size).hits(),
                    "size " + size);
        }
    }

    @Test
    void theCache2kTracesAreReadAsBigEndianIntegersAndNoPolicyBeatsTheOptimum() {
        AccessTrace web07 = PublishedTraces.cache2k("web07");
        assertEquals(304_472 / 4, web07.length(), "the decompressed file holds 304,472 bytes of 4-byte keys");
        assertTrue(web07.source().contains("CC BY 4.0"), web07.source());
        for (int size : new int[] {100, 1_000, 5_000}) {
            double optimal = EvictionPolicy.OPTIMAL.replay(web07, size).ratio();
            assertTrue(EvictionPolicy.LRU.replay(web07, size).ratio() <= optimal);
            assertTrue(EvictionPolicy.W_TINYLFU.replay(web07, size).ratio() <= optimal);
        }
        assertEquals(web07.maximumHitRatio(), EvictionPolicy.LRU.replay(web07, web07.distinctKeys()).ratio(), 1e-12);
    }

    @Test
    void unknownNamesAreRejectedWithTheList() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PublishedTraces.lirs("nope"));
        assertTrue(error.getMessage().contains("sprite"), error.getMessage());
        assertTrue(PublishedTraces.available());
    }

    @Test
    void everyListedTraceIsPackagedWithTheCache2kLicenceBesideIt() {
        assertEquals(java.util.List.of("cpp", "cs", "gli", "loop", "multi1", "multi2", "sprite"), PublishedTraces.lirsNames());
        assertEquals(java.util.List.of("web07", "web12"), PublishedTraces.cache2kNames());
        for (String name : PublishedTraces.lirsNames()) {
            assertTrue(PublishedTraces.lirs(name).length() > 1_000, name);
        }
        AccessTrace web12 = PublishedTraces.cache2k("web12");
        assertTrue(web12.length() > 1_000 && web12.distinctKeys() < web12.length(), web12.toString());
        assertTrue(web12.source().contains("CC BY 4.0") && web12.source().contains("headissue"), web12.source());
        // CC BY 4.0 asks for the licence to travel with the files.
        assertTrue(PublishedTraces.class.getClassLoader()
                .getResource(PublishedTraces.ROOT + "cache2k/LICENSE.txt") != null, "cache2k/LICENSE.txt packaged");
    }

    @Test
    void zipfTracesAreSeededAndSkewed() {
        AccessTrace a = AccessTrace.zipf(1_000, 1.0, 20_000, 5);
        AccessTrace b = AccessTrace.zipf(1_000, 1.0, 20_000, 5);
        for (int i = 0; i < a.length(); i++) {
            assertEquals(a.key(i), b.key(i));
        }
        // An ideal cache of the 100 hottest keys would hit the top-100 probability mass; OPT does at least that.
        double top100 = ZipfKeys.massOfTop(1_000, 1.0, 100);
        assertTrue(EvictionPolicy.OPTIMAL.replay(a, 100).ratio() >= top100 - 0.02);
        assertTrue(AccessTrace.zipf(1_000, 0, 20_000, 5).distinctKeys() > 990, "exponent 0 is uniform");
        assertEquals(1.0, ZipfKeys.massOfTop(10, 2, 10), 1e-12);
    }

    @Test
    void theHitRatioTableHasARowPerTraceAndSizeAndAColumnPerPolicy() {
        java.util.List<HitRatio> results = new java.util.ArrayList<>();
        for (AccessTrace trace : java.util.List.of(PublishedTraces.lirs("cpp"), PublishedTraces.lirs("cs"))) {
            for (int size : new int[] {50, 200}) {
                for (EvictionPolicy policy : EvictionPolicy.values()) {
                    results.add(policy.replay(trace, size));
                }
            }
        }
        tech.tablesaw.api.Table table = HitRatio.tableOf(results);
        assertEquals(4, table.rowCount());
        assertEquals(java.util.List.of("trace", "requests", "cache_size", "LRU", "Caffeine (W-TinyLFU)",
                "optimal (Belady)"), table.columnNames());
        assertEquals(results.get(2).ratio(), table.doubleColumn("optimal (Belady)").get(0), 0);
        assertEquals(200L, table.longColumn("cache_size").get(3));
    }

    private static long optimalHitsPer10000(AccessTrace trace, int size) {
        return EvictionPolicy.OPTIMAL.replay(trace, size).hits() * 10_000 / trace.length();
    }

    private static long linkedHashMapLruHits(AccessTrace trace, int size) {
        Map<Integer, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > size;
            }
        };
        long hits = 0;
        for (int i = 0; i < trace.length(); i++) {
            if (lru.get(trace.key(i)) != null) {
                hits++;
            } else {
                lru.put(trace.key(i), Boolean.TRUE);
            }
        }
        return hits;
    }
}
