package org.perflab.verdict;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPredictionInsideTheIntervalIsOnTheMark() {
        Exercise.Feedback f = Exercise.predict("mean wait", "ms", 4.4)
                .measured(new Estimate(4.0, 3.5, 4.6, 5, Estimate.Method.TRIALS))
                .because("Little's law", out);
        assertTrue(f.onTheMark());
        assertTrue(printed().startsWith("EXERCISE mean wait: you predicted 4.4 ms, measured 4 ms (95% CI 3.5 to 4.6, 5 trials): on the mark."),
                printed());
        assertTrue(printed().contains("Why: Little's law"));
    }

    @Test
    void aWrongPredictionSaysHowFarAndWhichWay() {
        Exercise.Feedback low = Exercise.predict("p99", "ms", 5).measured(20).because("queueing", out);
        assertFalse(low.onTheMark());
        assertEquals(-0.75, low.relativeError(), 1e-12);
        assertTrue(printed().contains("measured 20 ms: 75% too low."), printed());

        Exercise.Feedback high = Exercise.predict("p99", "ms", 60).measured(20).because("queueing", out);
        assertEquals(2.0, high.relativeError(), 1e-12);
        assertTrue(printed().contains("measured 20 ms: 3 times the measurement."), printed());
    }

    @Test
    void withinFifteenPercentCountsAsOnTheMarkEvenForAnExactMeasurement() {
        assertTrue(Exercise.predict("rows", "rows", 110).measured(100).because("b", out).onTheMark());
        assertFalse(Exercise.predict("rows", "rows", 120).measured(100).because("b", out).onTheMark());
    }

    @Test
    void noPredictionStillShowsTheMeasurementAndTheReason() {
        Exercise.Feedback f = Exercise.predict("hit ratio", "%", Double.NaN).measured(93.5).because("TTL", out);
        assertFalse(f.predicted());
        assertFalse(f.onTheMark());
        assertTrue(printed().contains("no prediction made; measured 93.5 %."), printed());
    }

    @Test
    void theMeasurementComesBeforeTheExplanation() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Exercise.predict("p99", "ms", 1).because("x", out));
        assertTrue(e.getMessage().contains("measured(...)"), e.getMessage());
    }
}
