package org.perflab.cache;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.perflab.check.Require;

/**
 * Keys 1..n drawn with Zipf skew: key k has probability proportional to {@code 1 / k^exponent}, so key
 * 1 is the hottest. Exponent 0 is uniform; around 1 is typical of web traffic (a few keys take most
 * requests). Seeded, so a run can be repeated exactly.
 *
 * <p>Sampling is commons-math's rejection-inversion (Hörmann and Derflinger), constant time per key
 * for any n.
 */
public final class ZipfKeys {

    private final int keys;
    private final double exponent;
    private final RandomGenerator random;
    private final ZipfDistribution zipf;

    public ZipfKeys(int keys, double exponent, long seed) {
        Require.atLeast("keys", keys, 1, "give the number of distinct keys, e.g. 10_000");
        Require.between("exponent", exponent, 0.0, 10.0, "give 0 for uniform keys, about 1 for a web-like skew");
        this.keys = keys;
        this.exponent = exponent;
        this.random = new Well19937c(seed);
        this.zipf = exponent == 0 ? null : new ZipfDistribution(random, keys, exponent);
    }

    /** The next key, 1 to {@code keys}. */
    public int next() {
        return zipf == null ? 1 + random.nextInt(keys) : zipf.sample();
    }

    /** A number in [0, 1) from the same seeded stream, for decisions made along with the keys. */
    public double nextUnit() {
        return random.nextDouble();
    }

    public int keys() {
        return keys;
    }

    public double exponent() {
        return exponent;
    }

    /**
     * The probability mass of the {@code top} most popular keys: the hit ratio an ideal cache holding
     * exactly those keys would reach on an endless stream of independent requests.
     */
    public static double massOfTop(int keys, double exponent, int top) {
        double all = 0;
        double head = 0;
        for (int k = 1; k <= keys; k++) {
            double weight = Math.pow(k, -exponent);
            all += weight;
            if (k <= top) {
                head += weight;
            }
        }
        return head / all;
    }

    @Override
    public String toString() {
        return "ZipfKeys[keys=" + keys + ", exponent=" + exponent + "]";
    }
}
