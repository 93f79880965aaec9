package org.perflab.verdict;

import java.util.Locale;

/**
 * What a verdict is evidence of. Only a {@link #CLAIM} can teach something by failing: the other two
 * kinds guard the experiment, so a reader knows the numbers behind the claims came from a setup that
 * behaved as described.
 */
public enum Kind {
    /** A seed's claim or a theory's prediction about the measured system: it could be false. */
    CLAIM,
    /** A library or server behaves as its documentation says (a pool waits, a cache evicts). */
    MECHANISM,
    /** An identity, a configuration or a clean-up check: it fails only when the experiment is broken. */
    SANITY;

    /** {@code claim}, {@code mechanism} or {@code sanity}: how the kind reads in lines, tables and the CSV. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by {@link #label()}, case-insensitively. */
    public static Kind fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
