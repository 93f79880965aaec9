package org.perflab.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The decision rule on synthetic measurements whose truth is known: what a notebook's verdict does
 * on a noisy machine, run a thousand times in a second. Trials take simulated time (a fake clock),
 * so the budget is exercised without waiting for it.
 */
class DecisionRuleTest {

    private static final int RUNS = 1_000;
    private static final long TRIAL_NANOS = Duration.ofMillis(500).toNanos();

    /** A log whose clock advances by one simulated trial each time a trial runs. */
    private static final class SimulatedLog {
        final AtomicLong now = new AtomicLong();
        final VerdictLog log = VerdictLog.builder().notebook("decision-rule").backend("none")
                .budget(Duration.ofSeconds(10)).nanoTime(now::get)
                .printTo(new PrintStream(OutputStream.nullOutputStream())).build();

        DoubleSupplier timed(DoubleSupplier measurement) {
            return () -> {
                now.addAndGet(TRIAL_NANOS);
                return measurement.getAsDouble();
            };
        }
    }

    /**
     * A machine's run-to-run noise: mostly Gaussian around the truth with a 10% coefficient of
     * variation, plus a 2% chance of a slow outlier trial 1.5 to 2.5 times the truth (a GC, a
     * neighbour on the host).
     */
    private static DoubleSupplier noisy(double truth, SplittableRandom random) {
        return () -> {
            double value = truth * (1 + 0.10 * random.nextGaussian());
            return random.nextDouble() < 0.02 ? value * (1.5 + random.nextDouble()) : value;
        };
    }

    private static Map<Outcome, Integer> simulate(double truth, Expectation expectation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0);
        }
        for (int run = 0; run < RUNS; run++) {
            SimulatedLog simulated = new SimulatedLog();
            Verdict verdict = simulated.log.claim("synthetic").expect(expectation)
                    .trials(3, simulated.timed(noisy(truth, random)));
            outcomes.merge(verdict.outcome(), 1, Integer::sum);
        }
        return outcomes;
    }

    @Test
    void aTrueClaimWithRealisticNoisePassesInAtLeast99PercentOfRuns() {
        // Truth 4 ms against a claim of 4 ms ±30%: the tolerance a notebook sets for a 10% noise.
        Map<Outcome, Integer> near = simulate(4.0, Expectation.near(4.0, Tolerance.percent(30)), 1);
        // Truth 2.6 against "at least 2": a speed-up with 30% to spare.
        Map<Outcome, Integer> atLeast = simulate(2.6, Expectation.atLeast(2.0, Tolerance.NONE), 2);
        System.out.println("true claim, near: " + near + "; at least: " + atLeast);
        assertTrue(near.get(Outcome.PASS) >= 990, near.toString());
        assertTrue(atLeast.get(Outcome.PASS) >= 990, atLeast.toString());
        assertEquals(0, near.get(Outcome.FAIL) + atLeast.get(Outcome.FAIL), "a true claim must never FAIL");
    }

    @Test
    void aFalseClaimFailsInAtLeast99PercentOfRuns() {
        // The same claims when the truth is off by about the tolerance again.
        Map<Outcome, Integer> near = simulate(6.0, Expectation.near(4.0, Tolerance.percent(30)), 3);
        Map<Outcome, Integer> atLeast = simulate(1.4, Expectation.atLeast(2.0, Tolerance.NONE), 4);
        System.out.println("false claim, near: " + near + "; at least: " + atLeast);
        assertTrue(near.get(Outcome.FAIL) >= 990, near.toString());
        assertTrue(atLeast.get(Outcome.FAIL) >= 990, atLeast.toString());
        assertEquals(0, near.get(Outcome.PASS) + atLeast.get(Outcome.PASS), "a false claim must never PASS");
    }

    @Test
    void aClaimOnItsBoundStopsWithinItsBudgetAndSaysInconclusive() {
        // Truth exactly on the bound: no amount of data decides it, so the budget must end it.
        SplittableRandom random = new SplittableRandom(5);
        int inconclusive = 0;
        for (int run = 0; run < RUNS; run++) {
            SimulatedLog simulated = new SimulatedLog();
            AtomicInteger trials = new AtomicInteger();
            Verdict verdict = simulated.log.claim("on the bound").atLeast(2.0)
                    .trials(3, simulated.timed(() -> {
                        trials.incrementAndGet();
                        return 2.0 * (1 + 0.10 * random.nextGaussian());
                    }));
            assertTrue(simulated.now.get() <= Duration.ofSeconds(10).toNanos(),
                    "spent " + simulated.now.get() / 1e9 + " s of a 10 s budget");
            assertEquals(trials.get(), verdict.estimate().repeats());
            if (verdict.outcome() == Outcome.INCONCLUSIVE) {
                inconclusive++;
            }
        }
        System.out.println("on the bound: " + inconclusive + " of " + RUNS + " inconclusive");
        assertTrue(inconclusive >= RUNS / 2, inconclusive + " inconclusive of " + RUNS);
    }

    @Test
    void aDecidedClaimStopsAtTheMinimumTrials() {
        SimulatedLog simulated = new SimulatedLog();
        Verdict verdict = simulated.log.claim("clear").atLeast(1.0).trials(3, simulated.timed(() -> 10.0));
        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(3, verdict.estimate().repeats());
    }

    @Test
    void theMinimumTrialsRunEvenWithNoBudgetLeft() {
        SimulatedLog simulated = new SimulatedLog();
        simulated.log.budget(Duration.ZERO);
        AtomicInteger values = new AtomicInteger();
        Verdict verdict = simulated.log.claim("straddles").near(2.0, Tolerance.percent(10))
                .trials(4, simulated.timed(() -> values.incrementAndGet() % 2 == 0 ? 1.5 : 2.5));
        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome());
        assertEquals(4, verdict.estimate().repeats());
        assertTrue(verdict.line().startsWith("INCONCLUSIVE [claim] straddles: measured 2 (95% CI "), verdict.line());
        assertEquals(1, simulated.log.inconclusive());
        assertEquals(0, simulated.log.failures());
    }

    @Test
    void intervalsFromTrialsAndFromTheBootstrapCoverWhatTheyShould() {
        Estimate trials = Estimate.ofTrials(9, 10, 11);
        assertEquals(10, trials.value(), 1e-12);
        // t(0.975, 2) = 4.303, s = 1: 10 ± 4.303 / √3.
        assertEquals(10 - 4.303 / Math.sqrt(3), trials.low(), 1e-3);
        assertEquals(10 + 4.303 / Math.sqrt(3), trials.high(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> Estimate.ofTrials(1));

        // The mean of 10,000 uniform samples on [0, 1): 0.5 ± 1.96 x 0.2887 / 100.
        SplittableRandom random = new SplittableRandom(6);
        double[] samples = random.doubles(10_000).toArray();
        Estimate mean = Estimate.bootstrap(samples, s -> java.util.Arrays.stream(s).average().orElse(Double.NaN));
        assertTrue(mean.low() < 0.5 && mean.high() > 0.5, mean.describe());
        assertEquals(2 * 1.96 * 0.2887 / 100, mean.high() - mean.low(), 0.002);
        assertEquals(Estimate.bootstrap(samples, s -> s[0] * 0 + s.length), Estimate.bootstrap(samples, s -> s.length),
                "a constant statistic has a point interval");
        double[] doubled = java.util.Arrays.stream(samples).map(x -> 2 * x).toArray();
        Estimate ratio = Estimate.bootstrap(doubled, samples, (a, b) -> mean(a) / mean(b));
        assertTrue(ratio.low() < 2 && ratio.high() > 2, ratio.describe());
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }

    @Test
    void compareSeesAChangeOnlyWhereIntervalsDoNotOverlap() {
        assertTrue(Estimate.ofTrials(9, 10, 11).overlaps(Estimate.ofTrials(11, 12, 13)));
        assertTrue(new Estimate(1, 0, 1, 3, Estimate.Method.TRIALS).overlaps(new Estimate(2, 1, 3, 3, Estimate.Method.TRIALS)));
        assertTrue(!Estimate.ofTrials(9, 10, 11).overlaps(Estimate.ofTrials(99, 100, 101)));
    }
}
