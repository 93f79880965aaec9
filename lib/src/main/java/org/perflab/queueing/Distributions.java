package org.perflab.queueing;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.perflab.check.Require;

/** The implementations behind {@link Distribution}'s factories. */
final class Distributions {

    private Distributions() {
    }

    static double positiveNanos(String property, Duration value) {
        return Require.positive(property, value, "give a duration longer than zero, e.g. Duration.ofMillis(5)")
                .toNanos();
    }

    static double nonNegativeNanos(String property, Duration value) {
        return Require.nonNegative(property, value, "give Duration.ZERO or longer").toNanos();
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
    }

    record Exponential(double meanNanos) implements Distribution {
        @Override
        public double sampleNanos(SplittableRandom random) {
            // Inverse transform; 1 - U is in (0, 1], so the log is finite.
            return -Math.log1p(-random.nextDouble()) * meanNanos;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return 1;
        }

        @Override
        public String toString() {
            return "exponential(mean " + millis(meanNanos) + ")";
        }
    }

    record Deterministic(double meanNanos) implements Distribution {
        @Override
        public double sampleNanos(SplittableRandom random) {
            return meanNanos;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return 0;
        }

        @Override
        public String toString() {
            return "deterministic(" + millis(meanNanos) + ")";
        }
    }

    record Uniform(double minNanos, double maxNanos) implements Distribution {
        Uniform {
            Require.that(maxNanos > minNanos, "max", millis(maxNanos), "> min (" + millis(minNanos) + ")",
                    "give the shorter duration first");
        }

        @Override
        public double sampleNanos(SplittableRandom random) {
            return minNanos + random.nextDouble() * (maxNanos - minNanos);
        }

        @Override
        public double meanNanos() {
            return (minNanos + maxNanos) / 2;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            double width = maxNanos - minNanos;
            return width * width / 12 / (meanNanos() * meanNanos());
        }

        @Override
        public String toString() {
            return "uniform(" + millis(minNanos) + " to " + millis(maxNanos) + ")";
        }
    }

    record LogNormal(double meanNanos, double sigma) implements Distribution {
        LogNormal {
            Require.that(sigma > 0 && sigma <= 5, "sigma", sigma, "> 0 and <= 5",
                    "give a spread up to 5 (2 is already a heavy tail); beyond 5 a sample mean takes billions of"
                            + " draws to settle");
        }

        @Override
        public double sampleNanos(SplittableRandom random) {
            // mu chosen so that E[exp(mu + sigma Z)] = exp(mu + sigma^2 / 2) equals the mean.
            double mu = Math.log(meanNanos) - sigma * sigma / 2;
            return Math.exp(mu + sigma * random.nextGaussian());
        }

        @Override
        public double squaredCoefficientOfVariation() {
            return Math.expm1(sigma * sigma);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "lognormal(mean %s, sigma %.2f)", millis(meanNanos), sigma);
        }
    }

    record Bimodal(double fastNanos, double slowNanos, double slowFraction) implements Distribution {
        Bimodal {
            Require.between("slowFraction", slowFraction, 0.0, 1.0, "give the share of slow requests, e.g. 0.01 for 1%");
        }

        @Override
        public double sampleNanos(SplittableRandom random) {
            return random.nextDouble() < slowFraction ? slowNanos : fastNanos;
        }

        @Override
        public double meanNanos() {
            return (1 - slowFraction) * fastNanos + slowFraction * slowNanos;
        }

        @Override
        public double squaredCoefficientOfVariation() {
            double secondMoment = (1 - slowFraction) * fastNanos * fastNanos + slowFraction * slowNanos * slowNanos;
            return secondMoment / (meanNanos() * meanNanos()) - 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "bimodal(%s, %s with probability %.3f)", millis(fastNanos),
                    millis(slowNanos), slowFraction);
        }
    }
}
