package org.perflab.cache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost ladder on in-process steps: every step timed, the dearer one dearer.
 */
class CostLadderTest {

    @Test
    void theCostLadderTimesEveryStepAndRejectsDuplicates() {
        CostLadder ladder = CostLadder.builder().step("cheap", 10, 100, () -> 1).step("dearer", 1, 5, () -> {
            Thread.sleep(2);
            return 2;
        }).build().run();
        assertEquals(100, ladder.summary("cheap").count());
        assertEquals(5, ladder.summary("dearer").count());
        assertTrue(ladder.medianRatio("dearer", "cheap") > 1);
        assertEquals(2, ladder.toTable().rowCount());
        assertThrows(IllegalArgumentException.class, () -> CostLadder.builder().step("a", 0, 1, () -> 1)
                .step("a", 0, 1, () -> 1));
        assertThrows(IllegalArgumentException.class, () -> ladder.summary("missing"));
    }
}
