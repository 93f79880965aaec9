package org.perflab.latency;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoundsTest {

    @Test
    void evenRoundsRunInOrderOddRoundsInReverse() {
        assertEquals(List.of(0, 1, 2), Rounds.order(3, 0));
        assertEquals(List.of(2, 1, 0), Rounds.order(3, 1));
        assertEquals(List.of(0, 1, 2), Rounds.order(3, 2));
        assertEquals(List.of(0), Rounds.order(1, 1));
    }

    @Test
    void sharesSpreadTheTotalEvenlyAndSumToIt() {
        assertEquals(List.of(2, 3, 2, 3), IntStream.range(0, 4).map(r -> Rounds.share(10, r, 4)).boxed().toList());
        assertEquals(List.of(0, 0, 0, 1, 0, 0, 0, 1), IntStream.range(0, 8).map(r -> Rounds.share(2, r, 8)).boxed().toList());
        for (int total : new int[]{0, 1, 5, 2_000, 10_000}) {
            for (int rounds : new int[]{1, 3, 20}) {
                int finalTotal = total;
                assertEquals(total, IntStream.range(0, rounds).map(r -> Rounds.share(finalTotal, r, rounds)).sum());
            }
        }
    }

    @Test
    void theMedianIgnoresOneOutlierEitherWay() {
        assertEquals(2.0, Rounds.median(2.0, 0.5, 2.1, 1.9, 9.0));
        assertEquals(1.0, Rounds.median(1.0));
        assertEquals(2.5, Rounds.median(4.0, 1.0, 2.0, 3.0));
        double[] values = {3.0, 1.0, 2.0};
        Rounds.median(values);
        assertEquals(3.0, values[0], "the caller's array is left as it was");
        assertThrows(IllegalArgumentException.class, Rounds::median);
    }
}
