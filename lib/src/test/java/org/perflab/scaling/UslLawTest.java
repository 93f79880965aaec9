package org.perflab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UslLawTest {

    @Test
    void peakFormulaIsTheMaximumOfTheCurve() {
        UniversalScalabilityLaw law = new UniversalScalabilityLaw(90, 0.0277, 0.0001044);
        double best = 0;
        double bestThroughput = 0;
        for (double n = 1; n <= 400; n += 0.01) {
            double x = law.throughputAt(n);
            if (x > bestThroughput) {
                best = n;
                bestThroughput = x;
            }
        }
        assertEquals(Math.sqrt((1 - 0.0277) / 0.0001044), law.peakConcurrency(), 1e-9);
        assertEquals(best, law.peakConcurrency(), 0.01);
        assertEquals(bestThroughput, law.peakThroughput(), 1e-6 * bestThroughput);
        assertTrue(law.throughputAt(2 * law.peakConcurrency()) < law.peakThroughput(), "retrograde past the peak");
    }

    @Test
    void reducesToAmdahlAndLinearScaling() {
        UniversalScalabilityLaw amdahl = new UniversalScalabilityLaw(100, 0.05, 0);
        assertEquals(Double.POSITIVE_INFINITY, amdahl.peakConcurrency());
        assertEquals(100 / 0.05, amdahl.peakThroughput(), 1e-9);
        // Amdahl: speedup N / (1 + sigma (N - 1)).
        assertEquals(100 * 16 / (1 + 0.05 * 15), amdahl.throughputAt(16), 1e-9);

        UniversalScalabilityLaw linear = new UniversalScalabilityLaw(100, 0, 0);
        assertEquals(3_200, linear.throughputAt(32), 1e-9);
        assertEquals(1.0, linear.efficiencyAt(32), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, linear.peakThroughput());
        assertEquals(100, linear.throughputAt(1), 1e-12);
    }

    @Test
    void aFullySerializedLawPeaksAtOneUnit() {
        // A fit to a sweep that lost throughput from its second worker on (another process held the cores).
        UniversalScalabilityLaw serialized = new UniversalScalabilityLaw(750, 1, 0.05);
        assertEquals(0, serialized.peakConcurrency());
        assertEquals(750, serialized.peakThroughput(), 1e-9);
        assertEquals(serialized.throughputAt(1), serialized.peakThroughput(), 1e-9);
        assertTrue(serialized.toString().contains("peak 750"), serialized.toString());
    }

    @Test
    void rejectsCoefficientsWithoutPhysicalMeaning() {
        assertThrows(IllegalArgumentException.class, () -> new UniversalScalabilityLaw(0, 0.1, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new UniversalScalabilityLaw(10, -0.1, 0.001));
        IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class,
                () -> new UniversalScalabilityLaw(10, 1.5, 0.001));
        assertTrue(sigma.getMessage().startsWith("sigma must be between 0.0 and 1.0, was 1.5: "), sigma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UniversalScalabilityLaw(10, 0.1, -0.001));
        assertThrows(IllegalArgumentException.class, () -> new UniversalScalabilityLaw(10, 0.1, 0.001).throughputAt(0));
        assertTrue(new UniversalScalabilityLaw(10, 0.1, 0.001).toString().contains("sigma=0.1"));
    }
}
