package org.perflab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequireTest {

    @Test
    void acceptedValuesComeBackUnchanged() {
        assertEquals(1, Require.between("threads", 1, 1, 10, "fix"));
        assertEquals(10L, Require.between("rows", 10L, 0L, 10L, "fix"));
        assertEquals(0.5, Require.between("fraction", 0.5, 0.0, 1.0, "fix"));
        assertEquals(7, Require.atLeast("size", 7, 1, "fix"));
        assertEquals(2.5, Require.positiveFinite("rate", 2.5, "fix"));
        assertEquals(0.0, Require.nonNegativeFinite("delay", 0.0, "fix"));
        assertEquals(Duration.ZERO, Require.nonNegative("pause", Duration.ZERO, "fix"));
        assertEquals(Duration.ofMillis(5), Require.positive("timeout", Duration.ofMillis(5), "fix"));
        assertEquals("x", Require.notBlank("name", "x", "fix"));
    }

    @Test
    void aRejectionNamesTheArgumentTheLimitTheValueAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Require.between("threads", 0, 1, 10_000, "give the pool at least one thread"));
        assertEquals("threads must be between 1 and 10000, was 0: give the pool at least one thread", e.getMessage());
    }

    @Test
    void everyKindOfCheckRejectsWhatItShould() {
        assertThrows(IllegalArgumentException.class, () -> Require.between("a", 11L, 0L, 10L, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.between("a", Double.NaN, 0, 1, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.atLeast("a", 0, 1, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.atLeast("a", -1L, 0L, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.positiveFinite("a", 0, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.positiveFinite("a", Double.POSITIVE_INFINITY, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.nonNegativeFinite("a", -0.1, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.positive("a", Duration.ZERO, "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.nonNegative("a", Duration.ofMillis(-1), "f"));
        assertThrows(IllegalArgumentException.class,
                () -> Require.between("a", Duration.ofDays(2), Duration.ZERO, Duration.ofDays(1), "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.notBlank("a", " ", "f"));
        assertThrows(IllegalArgumentException.class, () -> Require.that(false, "a", 1, "odd", "f"));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Require.notNull("url", null, "pass one"));
        assertEquals("url must be given, was null: pass one", npe.getMessage());
    }

    @Test
    void aCheckWithoutAFixIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> Require.atLeast("a", 0, 1, null));
    }
}
