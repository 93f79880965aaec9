package org.perflab.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, and what happens when it is missing: on a developer's machine
 * the test is skipped with the reason and the fix; under {@code CI=true} it fails, so CI cannot go
 * green by skipping what it was meant to run.
 */
public final class Requirement {

    private Requirement() {
    }

    /** True when the environment says this is a CI run ({@code CI=true}). */
    public static boolean inCi() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Skips the calling test (fails it under CI) unless {@code available}.
     *
     * @param what what is missing, in a few words ("Chromium", "PostgreSQL at 127.0.0.1:5432")
     * @param fix  what to do about it ("apt-get install chromium")
     */
    public static void require(boolean available, String what, String fix) {
        if (available) {
            return;
        }
        String why = what + " is not available; " + fix;
        if (inCi()) {
            throw new AssertionError(why + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(why + " (skipped outside CI)");
    }

    /**
     * Like {@link #require}, for a failure already caught: rethrows it under CI, skips otherwise.
     */
    public static <E extends RuntimeException> void skipUnlessCi(E failure, String what) {
        if (inCi()) {
            throw failure;
        }
        Assumptions.abort(what + " unreachable, skipped outside CI: " + failure.getMessage());
    }
}
