package org.perflab.db;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.perflab.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * What a {@link RoundTripSweep} measured: for each strategy and N, the round trips one run made and
 * the latency of the runs; plus a straight line fitted through each strategy's median times, whose
 * slope is what one more row costs.
 */
public final class RoundTripSweepResult {

    /**
     * One strategy at one N: round trips per run, the runs' latency, and the {@link
     * SimulatedNetworkDelay} each round trip actually paused on average (zero without one; a little
     * above the delay asked for, more on a busy machine).
     */
    public record Point(String strategy, int n, long roundTrips, LatencySummary latency,
                        double simulatedDelayNanosPerRoundTrip) {

        public double simulatedDelayMillisPerRoundTrip() {
            return simulatedDelayNanosPerRoundTrip / 1e6;
        }
    }

    /**
     * A least-squares line through a strategy's median times: {@code time = intercept + slope x N}.
     * For N+1 the slope is the cost of one round trip; r² near 1 says the cost really is linear in N.
     */
    public record CostLine(String strategy, double interceptMillis, double slopeMillisPerRow, double rSquared,
                           int points) {

        public double millisAt(double n) {
            return interceptMillis + slopeMillisPerRow * n;
        }

        /** "one query per post: 0.021 + 0.0412 ms x N (r² = 0.9998, 7 sizes)". */
        public String describe() {
            return String.format(Locale.ROOT, "%s: %.3f + %.4f ms x N (r² = %.4f, %d sizes)", strategy,
                    interceptMillis, slopeMillisPerRow, rSquared, points);
        }
    }

    private final List<Point> points;

    RoundTripSweepResult(List<Point> points) {
        this.points = List.copyOf(points);
    }

    public List<Point> points() {
        return points;
    }

    public Point point(String strategy, int n) {
        return points.stream().filter(p -> p.strategy.equals(strategy) && p.n == n).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no point for strategy '" + strategy + "' at N=" + n
                        + "; strategies: " + strategies() + ", sizes: " + sizes(strategy)));
    }

    public long roundTrips(String strategy, int n) {
        return point(strategy, n).roundTrips;
    }

    public double p50Millis(String strategy, int n) {
        return point(strategy, n).latency.p50Millis();
    }

    /** Strategies in the order they were added. */
    public List<String> strategies() {
        return points.stream().map(Point::strategy).distinct().toList();
    }

    /** The values of N one strategy ran at, in run order. */
    public List<Integer> sizes(String strategy) {
        return points.stream().filter(p -> p.strategy.equals(strategy)).map(Point::n).toList();
    }

    /** N for one strategy, for a chart's x values. */
    public double[] nValues(String strategy) {
        return points.stream().filter(p -> p.strategy.equals(strategy)).mapToDouble(Point::n).toArray();
    }

    /** The median time per run at each N of one strategy, for a chart's y values. */
    public double[] p50MillisValues(String strategy) {
        return points.stream().filter(p -> p.strategy.equals(strategy)).mapToDouble(p -> p.latency.p50Millis())
                .toArray();
    }

    /** The least-squares line through one strategy's median times; needs two or more sizes. */
    public CostLine costLine(String strategy) {
        SimpleRegression regression = new SimpleRegression();
        double[] n = nValues(strategy);
        double[] millis = p50MillisValues(strategy);
        if (n.length < 2) {
            throw new IllegalStateException("a line needs at least two sizes; '" + strategy + "' ran at "
                    + sizes(strategy));
        }
        for (int i = 0; i < n.length; i++) {
            regression.addData(n[i], millis[i]);
        }
        return new CostLine(strategy, regression.getIntercept(), regression.getSlope(), regression.getRSquare(),
                n.length);
    }

    /** Columns: strategy, N, round_trips, runs, p50_ms, p90_ms, p99_ms, max_ms. */
    public Table toTable() {
        StringColumn strategy = StringColumn.create("strategy");
        IntColumn n = IntColumn.create("N");
        LongColumn roundTrips = LongColumn.create("round_trips");
        LongColumn runs = LongColumn.create("runs");
        DoubleColumn p50 = DoubleColumn.create("p50_ms");
        DoubleColumn p90 = DoubleColumn.create("p90_ms");
        DoubleColumn p99 = DoubleColumn.create("p99_ms");
        DoubleColumn max = DoubleColumn.create("max_ms");
        for (Point point : points) {
            strategy.append(point.strategy);
            n.append(point.n);
            roundTrips.append(point.roundTrips);
            runs.append(point.latency.count());
            p50.append(point.latency.p50Millis());
            p90.append(point.latency.p90Millis());
            p99.append(point.latency.p99Millis());
            max.append(point.latency.maxMillis());
        }
        for (DoubleColumn column : List.of(p50, p90, p99, max)) {
            // Shown to the microsecond, finer than any timer noise here; the column keeps the full value.
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        }
        return Table.create("Time to load N rows with their related rows", strategy, n, roundTrips, runs, p50, p90,
                p99, max);
    }
}
