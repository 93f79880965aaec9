package org.perflab.db;

import java.sql.SQLException;
import java.util.List;

/**
 * What every seeded dataset does with its generated tables: load them into a schema, or checksum them
 * without one. One place, so {@link BlogDataset} and {@link OrdersDataset} load and checksum alike and
 * differ only in the tables they generate.
 */
abstract class GeneratedDataset {

    private final long seed;

    GeneratedDataset(long seed) {
        this.seed = seed;
    }

    /** The seed the rows come from: the same seed reproduces the same rows. */
    public long seed() {
        return seed;
    }

    /** Creates the tables in the schema and loads them; one report per table, in {@link #tables()} order. */
    public List<LoadReport> load(Schema schema) throws SQLException {
        return RowLoader.createAndLoadAll(schema, tables());
    }

    /** CRC32 of the generated rows per table, in {@link #tables()} order, computed without a database. */
    public List<Long> checksums() {
        return RowLoader.checksums(tables());
    }

    /** The tables, in the order they are created and loaded. */
    abstract List<GeneratedTable> tables();
}
