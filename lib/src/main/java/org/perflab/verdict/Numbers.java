package org.perflab.verdict;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers for verdict lines: four significant digits, never in exponent notation. */
final class Numbers {

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Numbers() {
    }

    /** The value rounded to four significant digits, for tables; NaN and infinities unchanged. */
    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(FOUR_DIGITS).doubleValue();
    }

    /** 99.5, 5000, 0.634, 12350; NaN and infinities by name. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }
}
