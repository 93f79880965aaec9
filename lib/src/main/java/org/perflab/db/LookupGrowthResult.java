package org.perflab.db;

import org.perflab.latency.Rounds;
import org.perflab.verdict.Estimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@link LookupGrowth} measured per table size, and the growth exponent of each way: the slope
 * of log(median time) against log(rows), least squares over the sizes. Time ∝ rows^k has exponent k:
 * a sequential scan, reading every row, has k ≈ 1; a B-tree lookup, whose work is its depth
 * (log of the rows), has k near 0. The interval is a bootstrap: each resample redraws every size's
 * lookups and refits the slope.
 */
public final class LookupGrowthResult {

    /** One table size: its pages, the B-tree's levels (-1 when unknown) and each lookup's time in ms. */
    public record Size(long rows, long tablePages, long indexPages, int btreeLevels, double[] scanMillis,
                       double[] indexMillis) {
    }

    private static final int RESAMPLES = 2_000;
    private static final long BOOTSTRAP_SEED = 20_261_207L;

    private final List<Size> sizes;
    private final String depthSource;

    LookupGrowthResult(List<Size> sizes, String depthSource) {
        this.sizes = List.copyOf(sizes);
        this.depthSource = depthSource;
    }

    public List<Size> sizes() {
        return sizes;
    }

    /** Where the B-tree depths come from, or why they are unknown. */
    public String depthSource() {
        return depthSource;
    }

    public double[] rows() {
        return sizes.stream().mapToDouble(Size::rows).toArray();
    }

    public double[] scanMedianMillis() {
        return sizes.stream().mapToDouble(size -> Rounds.median(size.scanMillis())).toArray();
    }

    public double[] indexMedianMillis() {
        return sizes.stream().mapToDouble(size -> Rounds.median(size.indexMillis())).toArray();
    }

    /** The sequential scan's growth exponent, with its 95% bootstrap interval. */
    public Estimate scanExponent() {
        return exponent(sizes.stream().map(Size::scanMillis).toList());
    }

    /** The index lookup's growth exponent, with its 95% bootstrap interval. */
    public Estimate indexExponent() {
        return exponent(sizes.stream().map(Size::indexMillis).toList());
    }

    /** Columns: rows, table_pages, index_pages, btree_levels, scan_p50_ms, index_p50_ms, scan_vs_index. */
    public Table toTable() {
        LongColumn rows = LongColumn.create("rows");
        LongColumn tablePages = LongColumn.create("table_pages");
        LongColumn indexPages = LongColumn.create("index_pages");
        IntColumn levels = IntColumn.create("btree_levels");
        DoubleColumn scan = DoubleColumn.create("scan_p50_ms");
        DoubleColumn index = DoubleColumn.create("index_p50_ms");
        DoubleColumn ratio = DoubleColumn.create("scan_vs_index");
        for (Size size : sizes) {
            double scanMs = Rounds.median(size.scanMillis());
            double indexMs = Rounds.median(size.indexMillis());
            rows.append(size.rows());
            tablePages.append(size.tablePages());
            indexPages.append(size.indexPages());
            levels.append(size.btreeLevels());
            scan.append(Math.round(scanMs * 1000) / 1000.0);
            index.append(Math.round(indexMs * 1000) / 1000.0);
            ratio.append(Math.round(scanMs / indexMs * 10) / 10.0);
        }
        return Table.create("lookup by id: sequential scan and B-tree by table size (median ms; -1 = unknown)",
                rows, tablePages, indexPages, levels, scan, index, ratio);
    }

    private Estimate exponent(List<double[]> millisBySize) {
        double[] logRows = Arrays.stream(rows()).map(Math::log).toArray();
        double value = slope(logRows, millisBySize.stream().mapToDouble(Rounds::median).map(Math::log).toArray());
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] resampled = new double[RESAMPLES];
        double[] logMedians = new double[millisBySize.size()];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < logMedians.length; i++) {
                double[] times = millisBySize.get(i);
                double[] draw = new double[times.length];
                for (int k = 0; k < draw.length; k++) {
                    draw[k] = times[random.nextInt(times.length)];
                }
                logMedians[i] = Math.log(Rounds.median(draw));
            }
            resampled[r] = slope(logRows, logMedians);
        }
        Arrays.sort(resampled);
        double low = resampled[(int) Math.floor(0.025 * (RESAMPLES - 1))];
        double high = resampled[(int) Math.ceil(0.975 * (RESAMPLES - 1))];
        int fewest = millisBySize.stream().mapToInt(times -> times.length).min().orElse(0);
        return new Estimate(value, Math.min(low, value), Math.max(high, value), fewest, Estimate.Method.SAMPLES);
    }

    /** The least-squares slope of y on x. */
    static double slope(double[] x, double[] y) {
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        return sxy / sxx;
    }
}
