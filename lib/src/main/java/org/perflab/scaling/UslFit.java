package org.perflab.scaling;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.util.Pair;
import org.perflab.check.Require;

/**
 * A {@link UniversalScalabilityLaw} fitted to measured (concurrency, throughput) points by nonlinear
 * least squares, with how well it fits and how sure each coefficient is.
 *
 * <p>All three coefficients are fitted, {@code lambda} included, as the R package {@code usl}
 * (Stefan Möding) does with its {@code nls} and {@code nlxb} methods: a measurement at {@code N = 1}
 * is then not needed, and a noisy one does not drag the whole curve. The optimizer is
 * commons-math's Levenberg-Marquardt with the analytic Jacobian; {@code sigma} is kept within
 * [0, 1] and {@code kappa} at or above 0, where the law has a physical meaning.
 *
 * <p>Checked in the unit tests against the SPEC SDM91 benchmark of a Sun SPARCcenter 2000 as
 * published in Gunther's <i>Guerrilla Capacity Planning</i> and fitted by the {@code usl} package.
 *
 * @param law                   the fitted law
 * @param rSquared              {@code 1 - SSE / SST}: the share of the throughput's variance the law
 *                              explains
 * @param residualStandardError {@code sqrt(SSE / (points - 3))}, in throughput units; NaN with only
 *                              three points (no degree of freedom left)
 * @param lambdaStandardError   standard error of {@code lambda}, as R's {@code nls} reports it
 *                              ({@code sqrt} of the diagonal of {@code (J'J)^-1 x SSE / (points - 3)}),
 *                              NaN when not estimable
 * @param sigmaStandardError    standard error of {@code sigma}, likewise
 * @param kappaStandardError    standard error of {@code kappa}, likewise
 * @param points                measured points fitted
 * @param iterations            Levenberg-Marquardt iterations used
 */
public record UslFit(UniversalScalabilityLaw law, double rSquared, double residualStandardError,
                     double lambdaStandardError, double sigmaStandardError, double kappaStandardError,
                     int points, int iterations) {

    /** Three coefficients need at least three distinct concurrency levels. */
    public static final int MIN_POINTS = 3;

    private static final int MAX_ITERATIONS = 1_000;
    /** Pivot threshold for inverting J'J: below it a coefficient is not estimable from the points. */
    private static final double SINGULARITY_THRESHOLD = 1e-14;

    public UslFit {
        Require.notNull("law", law, "fit one with UslFit.fit(concurrency, throughput)");
    }

    /**
     * Fits the law to {@code throughput[i]} measured at {@code concurrency[i]}, in any order.
     *
     * @throws IllegalArgumentException for fewer than three points or three distinct concurrency
     *                                  levels, arrays of different lengths, or a value that is not
     *                                  positive and finite
     * @throws IllegalStateException    if the optimizer does not converge (points far from the
     *                                  law's shape)
     */
    public static UslFit fit(double[] concurrency, double[] throughput) {
        validate(concurrency, throughput);
        double[] n = concurrency.clone();
        double[] x = throughput.clone();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(model(n))
                .target(x)
                .start(startingPoint(n, x))
                .parameterValidator(physicalRange(x))
                .lazyEvaluation(false)
                .maxIterations(MAX_ITERATIONS)
                .maxEvaluations(MAX_ITERATIONS)
                .build();
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (TooManyEvaluationsException | TooManyIterationsException e) {
            throw new IllegalStateException("the USL fit did not converge in " + MAX_ITERATIONS
                    + " iterations; plot the points: throughput should rise with concurrency, then level off or fall",
                    e);
        }
        RealVector p = optimum.getPoint();
        UniversalScalabilityLaw law = new UniversalScalabilityLaw(p.getEntry(0), p.getEntry(1), p.getEntry(2));

        double sse = 0;
        double mean = Arrays.stream(x).average().orElseThrow();
        double sst = 0;
        for (int i = 0; i < n.length; i++) {
            double residual = x[i] - law.throughputAt(n[i]);
            sse += residual * residual;
            sst += (x[i] - mean) * (x[i] - mean);
        }
        int degreesOfFreedom = n.length - 3;
        double residualVariance = degreesOfFreedom > 0 ? sse / degreesOfFreedom : Double.NaN;
        double[] standardErrors = standardErrors(optimum, residualVariance);
        return new UslFit(law, sst > 0 ? 1 - sse / sst : Double.NaN, Math.sqrt(residualVariance),
                standardErrors[0], standardErrors[1], standardErrors[2], n.length, optimum.getIterations());
    }

    /** {@link #fit(double[], double[])} for whole concurrency levels (threads, users, nodes). */
    public static UslFit fit(int[] concurrency, double[] throughput) {
        Require.notNull("concurrency", concurrency, "pass the concurrency levels measured, e.g. {1, 2, 4, 8}");
        return fit(Arrays.stream(concurrency).asDoubleStream().toArray(), throughput);
    }

    /** The fitted law's throughput at {@code n}. */
    public double throughputAt(double n) {
        return law.throughputAt(n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "USL fit of %d points in %d iterations:"
                        + " lambda=%.6g (+/- %.3g), sigma=%.6g (+/- %.3g), kappa=%.6g (+/- %.3g);"
                        + " R^2=%.4f, residual standard error %.4g; peak %.4g at N=%.4g",
                points, iterations, law.lambda(), lambdaStandardError, law.sigma(), sigmaStandardError,
                law.kappa(), kappaStandardError, rSquared, residualStandardError, law.peakThroughput(),
                law.peakConcurrency());
    }

    /** X(N) and its partial derivatives in lambda, sigma and kappa at every measured N. */
    private static MultivariateJacobianFunction model(double[] n) {
        return point -> {
            double lambda = point.getEntry(0);
            double sigma = point.getEntry(1);
            double kappa = point.getEntry(2);
            double[] values = new double[n.length];
            double[][] jacobian = new double[n.length][3];
            for (int i = 0; i < n.length; i++) {
                double contention = n[i] - 1;
                double coherency = n[i] * (n[i] - 1);
                double denominator = 1 + sigma * contention + kappa * coherency;
                double value = lambda * n[i] / denominator;
                values[i] = value;
                jacobian[i][0] = n[i] / denominator;
                jacobian[i][1] = -value * contention / denominator;
                jacobian[i][2] = -value * coherency / denominator;
            }
            return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        };
    }

    /**
     * lambda from the point at the smallest concurrency (X / N, exact if there is no contention
     * yet), then sigma and kappa from Gunther's linearization: with {@code C = X / (lambda N)},
     * {@code N / C - 1 = sigma (N - 1) + kappa N (N - 1)}, an ordinary least-squares problem
     * without intercept. Close enough that Levenberg-Marquardt starts in the right valley.
     */
    private static double[] startingPoint(double[] n, double[] x) {
        int smallest = 0;
        for (int i = 1; i < n.length; i++) {
            if (n[i] < n[smallest]) {
                smallest = i;
            }
        }
        double lambda = x[smallest] / n[smallest];
        double[] deficit = new double[n.length];
        double[][] terms = new double[n.length][2];
        for (int i = 0; i < n.length; i++) {
            deficit[i] = lambda * n[i] / x[i] - 1;
            terms[i][0] = n[i] - 1;
            terms[i][1] = n[i] * (n[i] - 1);
        }
        double sigma = 0;
        double kappa = 0;
        try {
            OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
            regression.setNoIntercept(true);
            regression.newSampleData(deficit, terms);
            double[] beta = regression.estimateRegressionParameters();
            sigma = beta[0];
            kappa = beta[1];
        } catch (IllegalArgumentException e) {
            // Degenerate linearization (all points at N = 1 and one other level): start from no
            // contention and no coherency, the optimizer finds its way from there.
        }
        return new double[] {lambda, clamp(sigma, 0, 1), Math.max(kappa, 0)};
    }

    /** Keeps every trial point where the law means something (and the denominator stays positive). */
    private static ParameterValidator physicalRange(double[] x) {
        double smallestLambda = Arrays.stream(x).min().orElseThrow() * 1e-9;
        return point -> {
            RealVector valid = point.copy();
            valid.setEntry(0, Math.max(point.getEntry(0), smallestLambda));
            valid.setEntry(1, clamp(point.getEntry(1), 0, 1));
            valid.setEntry(2, Math.max(point.getEntry(2), 0));
            return valid;
        };
    }

    private static double[] standardErrors(LeastSquaresOptimizer.Optimum optimum, double residualVariance) {
        double[] errors = {Double.NaN, Double.NaN, Double.NaN};
        if (Double.isNaN(residualVariance)) {
            return errors;
        }
        try {
            RealVector unscaled = optimum.getSigma(SINGULARITY_THRESHOLD);
            for (int i = 0; i < errors.length; i++) {
                errors[i] = unscaled.getEntry(i) * Math.sqrt(residualVariance);
            }
        } catch (SingularMatrixException e) {
            // A coefficient the points cannot pin down (e.g. kappa when no point is past the
            // knee): its error stays NaN rather than a meaningless number.
        }
        return errors;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static void validate(double[] concurrency, double[] throughput) {
        Require.notNull("concurrency", concurrency, "pass the concurrency levels measured, e.g. {1, 2, 4, 8}");
        Require.notNull("throughput", throughput, "pass the throughput measured at each concurrency level");
        Require.that(throughput.length == concurrency.length, "throughput.length", throughput.length,
                "the same as concurrency.length (" + concurrency.length + ")",
                "pass one throughput per concurrency level");
        for (int i = 0; i < concurrency.length; i++) {
            Require.positiveFinite("concurrency[" + i + "]", concurrency[i],
                    "give each level as a count above 0, e.g. 1, 2, 4, 8 threads");
            Require.positiveFinite("throughput[" + i + "]", throughput[i], "drop failed runs before fitting");
        }
        // There are never fewer points than distinct levels, so three levels also means three points.
        Require.atLeast("distinct concurrency levels", Arrays.stream(concurrency).distinct().count(), MIN_POINTS,
                "the law has three coefficients; measure more concurrency levels, including some past the knee");
    }
}
