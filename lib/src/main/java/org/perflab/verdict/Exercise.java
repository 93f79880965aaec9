package org.perflab.verdict;

import org.perflab.display.ShownWhenMade;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The "predict, then measure" step of an exercise: the reader writes a prediction into a variable,
 * turns one knob, runs the cell, and sees the prediction set against what the machine measured and
 * why the two differ. It is feedback, not a verdict: a wrong guess is the point of the exercise and
 * never fails a run. The claim the measurement rests on gets its own verdict in the same cell.
 *
 * <pre>{@code
 * double predictedWaitMs = 8;   // your guess
 * Exercise.predict("mean wait with deterministic service", "ms", predictedWaitMs)
 *         .measured(waitEstimate)
 *         .because("M/D/1 waits half as long as M/M/1: the service times add no variance");
 * }</pre>
 */
public final class Exercise {

    /** Within this share of the measurement, a prediction counts as on the mark. */
    public static final double CLOSE_ENOUGH = 0.15;

    private final String quantity;
    private final String unit;
    private final double prediction;
    private Estimate measured;

    private Exercise(String quantity, String unit, double prediction) {
        this.quantity = Objects.requireNonNull(quantity, "quantity");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.prediction = prediction;
    }

    /**
     * The reader's prediction of {@code quantity}, in {@code unit}. {@code Double.NaN} means no
     * prediction was made; the measurement and the explanation are still shown.
     */
    public static Exercise predict(String quantity, String unit, double prediction) {
        return new Exercise(quantity, unit, prediction);
    }

    /** The measurement, with its interval. */
    public Exercise measured(Estimate estimate) {
        this.measured = Objects.requireNonNull(estimate, "estimate");
        return this;
    }

    /** A measurement without sampling noise (a count, a simulated value). */
    public Exercise measured(double value) {
        return measured(Estimate.exact(value));
    }

    /** Prints the comparison and {@code explanation} (why the number is what it is) and answers it. */
    public Feedback because(String explanation) {
        return because(explanation, System.out);
    }

    Feedback because(String explanation, PrintStream out) {
        if (measured == null) {
            throw new IllegalStateException("give the measurement of \"" + quantity
                    + "\" with measured(...) before the explanation");
        }
        Feedback feedback = new Feedback(quantity, unit, prediction, measured,
                Objects.requireNonNull(explanation, "explanation"));
        out.println(feedback.text());
        return feedback;
    }

    /** What the reader sees: the prediction, the measurement, the gap, and why. */
    public record Feedback(String quantity, String unit, double prediction, Estimate measured, String explanation)
            implements ShownWhenMade {

        /** Whether a prediction was made. */
        public boolean predicted() {
            return !Double.isNaN(prediction);
        }

        /**
         * The prediction's error relative to the measurement: +0.5 means 50% too high, -0.5 half as
         * much as measured. NaN without a prediction.
         */
        public double relativeError() {
            return predicted() ? (prediction - measured.value()) / Math.abs(measured.value()) : Double.NaN;
        }

        /** Inside the measurement's interval, or within {@link #CLOSE_ENOUGH} of its value. */
        public boolean onTheMark() {
            if (!predicted()) {
                return false;
            }
            boolean insideInterval = prediction >= measured.low() && prediction <= measured.high();
            return insideInterval || Math.abs(relativeError()) <= CLOSE_ENOUGH;
        }

        public String text() {
            String measurement = Numbers.format(measured.value()) + " " + unit
                    + (measured.isPoint() ? "" : " (" + measured.describe() + ")");
            String head;
            if (!predicted()) {
                head = "no prediction made; measured " + measurement;
            } else if (onTheMark()) {
                head = "you predicted " + Numbers.format(prediction) + " " + unit + ", measured " + measurement
                        + ": on the mark";
            } else {
                double error = relativeError();
                String direction = error > 0 ? "too high" : "too low";
                String size = Math.abs(error) >= 1 ? Numbers.format(prediction / measured.value()) + " times the measurement"
                        : Numbers.format(Math.round(Math.abs(error) * 100)) + "% " + direction;
                head = "you predicted " + Numbers.format(prediction) + " " + unit + ", measured " + measurement
                        + ": " + size;
            }
            return "EXERCISE " + quantity + ": " + head + ".\n  Why: " + explanation;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
