package org.perflab.scaling;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * Neil Gunther's Universal Scalability Law: the throughput of a system at concurrency {@code N}
 * (users, threads, processors, nodes) is
 * <pre>
 *     X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))
 * </pre>
 *
 * <p>{@code lambda} is the throughput of one unit of concurrency with nothing to contend with;
 * {@code sigma} is contention, the serialized fraction of the work (with {@code kappa = 0} the law
 * is Amdahl's, and throughput climbs towards {@code lambda / sigma} but never past it);
 * {@code kappa} is coherency, the cost of every unit keeping in step with every other: it grows with
 * {@code N^2}, so past {@link #peakConcurrency()} adding concurrency <em>lowers</em> throughput.
 *
 * <p>Source: N. J. Gunther, <i>Guerrilla Capacity Planning</i> (Springer, 2007), chapter 4; the
 * peak follows from setting {@code dX/dN = 0}, which leaves {@code 1 - sigma - kappa N^2 = 0}.
 *
 * @param lambda throughput at {@code N = 1} if the law held exactly there, in the caller's units
 *               (requests per second, scripts per hour); {@code > 0}
 * @param sigma  contention, between 0 and 1
 * @param kappa  coherency, {@code >= 0}
 */
public record UniversalScalabilityLaw(double lambda, double sigma, double kappa) {

    public UniversalScalabilityLaw {
        Require.positiveFinite("lambda", lambda,
                "give the throughput of one unit of concurrency in your units, e.g. 100 requests/s");
        Require.between("sigma", sigma, 0, 1, "give the serialized fraction of the work, e.g. 0.05 for 5%");
        Require.nonNegativeFinite("kappa", kappa, "use 0 for no coherency cost, or a small value such as 0.001");
    }

    /** The law's throughput at concurrency {@code n}; {@code n} need not be a whole number. */
    public double throughputAt(double n) {
        Require.positiveFinite("n", n, "ask at a concurrency above 0, e.g. throughputAt(8) for 8 threads");
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    /**
     * Where throughput is highest: {@code sqrt((1 - sigma) / kappa)}, infinite when {@code kappa} is
     * 0 (throughput then only rises, with diminishing returns). Below 1 when even the second unit of
     * concurrency already costs more than it brings.
     */
    public double peakConcurrency() {
        if (kappa == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt((1 - sigma) / kappa);
    }

    /**
     * The throughput at {@link #peakConcurrency()}; with {@code kappa = 0} the ceiling
     * {@code lambda / sigma} that throughput approaches (infinite when both are 0: linear scaling).
     * With {@code sigma = 1} (fully serialized: a fit to a sweep that did not gain from its second
     * unit) the peak is one unit's throughput, {@code lambda}.
     */
    public double peakThroughput() {
        if (kappa == 0) {
            return sigma == 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
        }
        if (sigma == 1) {
            return lambda;
        }
        return throughputAt(peakConcurrency());
    }

    /** {@code X(N) / (lambda N)}: the fraction of linear scaling achieved at {@code n}. */
    public double efficiencyAt(double n) {
        return throughputAt(n) / (lambda * n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "USL(lambda=%.6g, sigma=%.6g, kappa=%.6g; peak %.4g at N=%.4g)",
                lambda, sigma, kappa, peakThroughput(), peakConcurrency());
    }
}
