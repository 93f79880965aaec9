package org.perflab.bottleneck;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The parts of {@link ProductHandler} that a seed can make slow, each with the span that times it,
 * the handler method a profiler sees it in, and the name of the fix that removes it.
 */
public enum Culprit {

    REMOTE_LOG("a synchronous call to a slow remote logging service", "log.remote", "logAccess", "async-log"),
    N_PLUS_ONE("an N+1: one query per review on the database", "db.reviews", "loadReviews", "batch-queries"),
    JSON("JSON serialization of a large response", "json.render", "renderJson", "paginate-json"),
    LOCK("lock contention: a synchronized section another thread holds", "stock.read", "readStock",
            "snapshot-read"),
    ALLOCATION("allocation and GC pauses: megabytes of short-lived objects per request", "recommend",
            "recommend", "reuse-buffers");

    private final String description;
    private final String span;
    private final String method;
    private final String fix;

    Culprit(String description, String span, String method, String fix) {
        this.description = description;
        this.span = span;
        this.method = method;
        this.fix = fix;
    }

    /** The culprit a seed picks: uniform over all culprits, the same for the same seed. */
    public static Culprit draw(long seed) {
        Culprit[] all = values();
        return all[new SplittableRandom(seed).nextInt(all.length)];
    }

    /** The culprit a fix name removes. */
    public static Culprit fixedBy(String fix) {
        Objects.requireNonNull(fix, "fix");
        return Arrays.stream(values()).filter(culprit -> culprit.fix.equals(fix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fix '" + fix + "'; the fixes are "
                        + Arrays.stream(values()).map(Culprit::fix).toList()));
    }

    /** The culprit a span times. */
    public static Culprit timedBy(String span) {
        Objects.requireNonNull(span, "span");
        return Arrays.stream(values()).filter(culprit -> culprit.span.equals(span)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("span '" + span + "' times no part that can be"
                        + " fixed; the parts' spans are " + Arrays.stream(values()).map(Culprit::span).toList()));
    }

    public String description() {
        return description;
    }

    /** The span around this part in {@link ProductHandler#handle}. */
    public String span() {
        return span;
    }

    /** The frame a profiler shows for this part: {@code ProductHandler.method}. */
    public String frame() {
        return ProductHandler.class.getSimpleName() + "." + method;
    }

    /** The name to pass to {@link ProductHandler#apply(String)}. */
    public String fix() {
        return fix;
    }
}
