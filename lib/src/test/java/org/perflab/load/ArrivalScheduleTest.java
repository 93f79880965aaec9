package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    @Test
    void constantRateOffsetsNeverDrift() {
        LongSupplier offsets = ArrivalSchedule.constantRate(3).newOffsetSequence();
        assertEquals(0, offsets.getAsLong());
        assertEquals(333_333_333, offsets.getAsLong());
        assertEquals(666_666_666, offsets.getAsLong());
        for (int i = 3; i < 3_000_000; i++) {
            offsets.getAsLong();
        }
        // Request 3,000,000 at 3/s is due at exactly 1,000,000 s, with no rounding accumulated.
        assertEquals(1_000_000_000_000_000L, offsets.getAsLong());
    }

    @Test
    void poissonGapsAreExponentialWithTheRequestedMean() {
        ArrivalSchedule schedule = ArrivalSchedule.poisson(1000, 42);
        LongSupplier offsets = schedule.newOffsetSequence();
        int gaps = 200_000;
        long previous = offsets.getAsLong();
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < gaps; i++) {
            long next = offsets.getAsLong();
            assertTrue(next >= previous);
            double gap = next - previous;
            sum += gap;
            sumOfSquares += gap * gap;
            previous = next;
        }
        double mean = sum / gaps;
        double coefficientOfVariation = Math.sqrt(sumOfSquares / gaps - mean * mean) / mean;
        assertEquals(1e6, mean, 1e6 * 0.01);
        // Exponential gaps: standard deviation equals the mean.
        assertEquals(1.0, coefficientOfVariation, 0.02);
    }

    @Test
    void theSeedReproducesTheScheduleAndIsReported() {
        LongSupplier first = ArrivalSchedule.poisson(500, 9).newOffsetSequence();
        LongSupplier second = ArrivalSchedule.poisson(500, 9).newOffsetSequence();
        for (int i = 0; i < 1000; i++) {
            assertEquals(first.getAsLong(), second.getAsLong());
        }
        ArrivalSchedule unseeded = ArrivalSchedule.poisson(500);
        assertTrue(unseeded.seed().isPresent());
        assertTrue(unseeded.toString().contains("seed " + unseeded.seed().getAsLong()), unseeded.toString());
        assertEquals(OptionalLong.empty(), ArrivalSchedule.constantRate(5).seed());
        assertEquals("constant 5.0 req/s", ArrivalSchedule.constantRate(5).toString());
    }

    @Test
    void impossibleRatesAreRejectedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ArrivalSchedule.constantRate(0));
        assertTrue(zero.getMessage().startsWith("arrivalRatePerSec must be > 0"), zero.getMessage());
        assertTrue(zero.getMessage().contains(", was 0.0: give the mean requests per second"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.poisson(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.poisson(2e9, 1));
    }
}
