package org.perflab.testing;

/**
 * The JUnit tags of tests that need more than the JVM. Write them as the annotations beside this
 * class ({@code @Services}, {@code @Slow}, ...); the names are here so the build's profiles and the
 * annotations cannot disagree.
 */
public final class TestTags {

    public static final String SERVICES = "services";
    public static final String PYTHON = "python";
    public static final String BROWSER = "browser";
    public static final String NETWORK = "network";
    public static final String WORKBOOK = "workbook";
    public static final String SLOW = "slow";

    private TestTags() {
    }
}
