package org.perflab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UslFitTest {

    private static final double COEFFICIENT_TOLERANCE = 0.002;

    private static void assertRelative(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, what);
    }

    /**
     * The usl package prints its results to four significant digits, so a correct fit of the same
     * least-squares problem lands within half a unit of the last digit: 0.05 / 1.044 = 0.05% for
     * kappa, the coarsest. 0.2% leaves room for two optimizers stopping at slightly different points
     * of a flat minimum and is still a hundred times tighter than the coefficients' own standard
     * errors (33% for sigma, 19% for kappa), so a wrong model or a fit stuck elsewhere fails. The
     * standard errors get 1%: they also depend on how each tool forms (J'J)^-1.
     */
    @Test
    void reproducesThePublishedFitOfSpecSdm91() {
        PublishedScalabilityData data = PublishedScalabilityData.specSdm91();
        UslFit fit = UslFit.fit(data.concurrency(), data.throughput());
        String report = fit.toString();

        assertRelative(data.publishedFit().lambda(), fit.law().lambda(), COEFFICIENT_TOLERANCE, report);
        assertRelative(data.publishedFit().sigma(), fit.law().sigma(), COEFFICIENT_TOLERANCE, report);
        assertRelative(data.publishedFit().kappa(), fit.law().kappa(), COEFFICIENT_TOLERANCE, report);
        assertRelative(82.85, fit.residualStandardError(), COEFFICIENT_TOLERANCE, report);
        assertEquals(data.publishedRSquared(), fit.rSquared(), 0.0005, report);
        // Standard errors as nls reports them: from (J'J)^-1 scaled by the residual variance.
        assertRelative(14.21, fit.lambdaStandardError(), 0.01, report);
        assertRelative(9.122e-03, fit.sigmaStandardError(), 0.01, report);
        assertRelative(1.988e-05, fit.kappaStandardError(), 0.01, report);
        assertEquals(7, fit.points());
        assertTrue(fit.iterations() > 0, report);
        // The package's peak.scalability: 97 users to two significant digits.
        assertEquals(97, fit.law().peakConcurrency(), 0.5, report);
    }

    @Test
    void recoversKnownCoefficientsFromExactPoints() {
        UniversalScalabilityLaw truth = new UniversalScalabilityLaw(1_200, 0.05, 0.0008);
        double[] n = {1, 2, 4, 8, 16, 24, 32, 48, 64};
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = truth.throughputAt(n[i]);
        }
        UslFit fit = UslFit.fit(n, x);
        UslFit fromInts = UslFit.fit(java.util.Arrays.stream(n).mapToInt(v -> (int) v).toArray(), x);

        assertEquals(fit.law(), fromInts.law());
        assertRelative(truth.lambda(), fit.law().lambda(), 1e-6, fit.toString());
        assertRelative(truth.sigma(), fit.law().sigma(), 1e-6, fit.toString());
        assertRelative(truth.kappa(), fit.law().kappa(), 1e-6, fit.toString());
        assertEquals(1.0, fit.rSquared(), 1e-9);
    }

    @Test
    void recoversCoefficientsWithinTheirStandardErrorsFromNoisyPoints() {
        UniversalScalabilityLaw truth = new UniversalScalabilityLaw(500, 0.03, 0.0002);
        double[] n = {2, 4, 8, 16, 32, 48, 64, 96, 128};
        double[] x = new double[n.length];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n.length; i++) {
            x[i] = truth.throughputAt(n[i]) * (1 + 0.02 * random.nextGaussian());
        }
        UslFit fit = UslFit.fit(n, x);
        String report = fit.toString();

        // No point at N = 1: lambda comes out of the fit, not out of a measurement.
        assertEquals(truth.lambda(), fit.law().lambda(), 4 * fit.lambdaStandardError(), report);
        assertEquals(truth.sigma(), fit.law().sigma(), 4 * fit.sigmaStandardError(), report);
        assertEquals(truth.kappa(), fit.law().kappa(), 4 * fit.kappaStandardError(), report);
        assertTrue(fit.rSquared() > 0.95, report);
    }

    @Test
    void keepsKappaAtZeroWhenThroughputNeverFalls() {
        // Amdahl's law exactly: the unconstrained optimum is kappa = 0, the boundary.
        UniversalScalabilityLaw amdahl = new UniversalScalabilityLaw(100, 0.1, 0);
        double[] n = {1, 2, 4, 8, 16, 32};
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = amdahl.throughputAt(n[i]) * (i % 2 == 0 ? 1.01 : 0.99);
        }
        UslFit fit = UslFit.fit(n, x);

        assertTrue(fit.law().kappa() >= 0, fit.toString());
        assertTrue(fit.law().sigma() >= 0, fit.toString());
        assertRelative(0.1, fit.law().sigma(), 0.25, fit.toString());
    }

    @Test
    void rejectsInputThatCannotBeFitted() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {1, 2}, new double[] {10, 19}));
        assertTrue(tooFew.getMessage().startsWith("distinct concurrency levels must be >= 3, was 2: "),
                tooFew.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {1, 2, 2, 1}, new double[] {10, 19, 19, 10}));
        IllegalArgumentException mismatched = assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {1, 2, 4}, new double[] {10, 19}));
        assertEquals("throughput.length must be the same as concurrency.length (3), was 2: pass one throughput per"
                + " concurrency level", mismatched.getMessage());
        IllegalArgumentException zeroN = assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {0, 2, 4}, new double[] {10, 19, 30}));
        assertTrue(zeroN.getMessage().contains("concurrency[0]"), zeroN.getMessage());
        IllegalArgumentException negativeX = assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {1, 2, 4}, new double[] {10, -19, 30}));
        assertEquals("throughput[1] must be > 0 and finite, was -19.0: drop failed runs before fitting",
                negativeX.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> UslFit.fit(new double[] {1, 2, Double.NaN}, new double[] {10, 19, 30}));
    }
}
