package org.perflab.db;

import org.perflab.check.Require;
import org.perflab.latency.Rounds;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Times one way of loading N rows (the N+1 loop) at every N, in rounds that each visit the sizes in a
 * shuffled order: the data behind "T(N) = (N + 1) × round trip" and its fitted line.
 *
 * <p>Why shuffled rounds rather than one size after another: on a shared machine the round trip can
 * change pace for seconds at a time. Run in order, a change lands on some sizes and not on others and
 * tilts the fitted line (a slower round trip at the large sizes makes the intercept negative);
 * shuffled, it falls on all sizes alike and widens the interval instead. A block of probe lookups
 * after every run records the pace the round ran at: a reader sees whether it held, and
 * {@link LoopRoundsResult#slopePerRoundTrip()} divides the slope by it, a round trip timed under the same
 * conditions as the loads. Once per round a reference way (the JOIN) loads the largest N, for a ratio
 * measured under the same conditions.
 */
public final class LoopRounds {

    /** Untimed rounds at every size before the first timed one. */
    public static final int WARMUP_ROUNDS = 2;

    private final DataSource dataSource;
    private final RoundTripSweep.Loader loop;
    private final RoundTripSweep.Loader reference;
    private final RoundTripProbe probe;
    private final int[] sizes;
    private final int rounds;
    private final long seed;

    private LoopRounds(DataSource dataSource, RoundTripSweep.Loader loop, RoundTripSweep.Loader reference,
                       RoundTripProbe probe, int[] sizes, int rounds, long seed) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.probe = Objects.requireNonNull(probe, "probe");
        Require.atLeast("sizes", sizes.length, 2, "a line needs at least 2 sizes, e.g. 10, 100, 1000");
        Require.atLeast("rounds", rounds, 2, "an interval needs at least 2 rounds, e.g. 5");
        this.sizes = sizes.clone();
        this.rounds = rounds;
        this.seed = seed;
    }

    /**
     * @param loop      the way being modelled, timed at every size in every round
     * @param reference timed once per round at the largest size
     * @param probe     one block of its lookups after every run, to watch the round trip's pace
     * @param seed      orders the sizes in each round; printed by {@link #toString()} to reproduce a run
     */
    public static LoopRounds of(DataSource dataSource, RoundTripSweep.Loader loop, RoundTripSweep.Loader reference,
                                RoundTripProbe probe, int[] sizes, int rounds, long seed) {
        return new LoopRounds(dataSource, loop, reference, probe, sizes, rounds, seed);
    }

    public LoopRoundsResult run() throws SQLException {
        double[][] loopMillis = new double[sizes.length][rounds];
        double[] referenceMillis = new double[rounds];
        double[] roundTripMillis = new double[rounds];
        int largest = sizes[sizes.length - 1];
        for (int size : sizes) {
            largest = Math.max(largest, size);
        }
        Random shuffler = new Random(seed);
        try (Connection connection = dataSource.getConnection()) {
            // Untimed rounds first: the first loads at a size run in the interpreter and before pgjdbc
            // prepares the statements on the server, several times slower than the rest.
            for (int w = 0; w < WARMUP_ROUNDS; w++) {
                for (int size : sizes) {
                    loop.load(connection, size);
                    probe.blockMillisPerLookup(connection);
                }
                reference.load(connection, largest);
            }
            for (int r = 0; r < rounds; r++) {
                List<Integer> visit = new ArrayList<>();
                for (int i = 0; i < sizes.length; i++) {
                    visit.add(i);
                }
                Collections.shuffle(visit, shuffler);
                double[] blocks = new double[sizes.length];
                for (int k = 0; k < sizes.length; k++) {
                    int i = visit.get(k);
                    long start = System.nanoTime();
                    loop.load(connection, sizes[i]);
                    loopMillis[i][r] = (System.nanoTime() - start) / 1e6;
                    blocks[k] = probe.blockMillisPerLookup(connection);
                }
                roundTripMillis[r] = Rounds.median(blocks);
                long start = System.nanoTime();
                reference.load(connection, largest);
                referenceMillis[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new LoopRoundsResult(sizes, loopMillis, referenceMillis, roundTripMillis);
    }

    @Override
    public String toString() {
        return "LoopRounds[" + rounds + " rounds over N = " + java.util.Arrays.toString(sizes) + " in shuffled order"
                + " (seed " + seed + "), " + probe.lookupsPerBlock() + " probe lookups after every run]";
    }
}
