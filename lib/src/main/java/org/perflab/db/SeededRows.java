package org.perflab.db;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Rows 1..count made by a function of the row number and one random stream. Each table gets its own
 * stream, split from the dataset seed by a fixed salt, so changing one table's size does not
 * reshuffle another table's values.
 */
final class SeededRows {

    /** Makes one row from its 1-based id and the table's random stream. */
    @FunctionalInterface
    interface RowMaker {
        Object[] make(long id, SplittableRandom random);
    }

    private SeededRows() {
    }

    static Supplier<Iterator<Object[]>> of(long count, long seed, long tableSalt, RowMaker maker) {
        return () -> new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(seed ^ tableSalt);
            private long nextId = 1;

            @Override
            public boolean hasNext() {
                return nextId <= count;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + count + " rows were generated");
                }
                return maker.make(nextId++, random);
            }
        };
    }
}
