package org.perflab.cache;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

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
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1 but was " + keys);
        }
        if (exponent < 0 || exponent > 10 || Double.isNaN(exponent)) {
            throw new IllegalArgumentException("exponent must be between 0 (uniform) and 10 but was " + exponent);
        }
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
