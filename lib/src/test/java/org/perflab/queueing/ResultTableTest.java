package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ResultTableTest {

    private static ResultTable trials() {
        return ResultTable.named("trials").text("arrivals").count("trial").ratio("utilization", 3).ms("mean_wait", 2)
                .perSec("achieved", 0).timesService("mean", 1);
    }

    @Test
    void numberColumnsCarryTheirUnitInTheName() {
        Table table = trials().row("Poisson", 1, 0.5, 2.0, 400, 2.0).table();

        assertEquals(List.of("arrivals", "trial", "utilization", "mean_wait_ms", "achieved_per_sec", "mean_x_S"),
                table.columnNames());
        assertEquals("trials", table.name());
    }

    @Test
    void roundsEachColumnToItsDecimalsWhenTheRowIsAdded() {
        Table table = trials().row("evenly spaced", 2L, 0.75649, 3.14159, 399.6, 1.26).table();

        assertEquals(0.756, table.doubleColumn("utilization").get(0), 0);
        assertEquals(3.14, table.doubleColumn("mean_wait_ms").get(0), 0);
        assertEquals(400, table.doubleColumn("achieved_per_sec").get(0), 0);
        assertEquals(1.3, table.doubleColumn("mean_x_S").get(0), 0);
        assertEquals(2, table.intColumn("trial").get(0));
    }

    @Test
    void keepsAMissingTheoryAsAMissingCell() {
        Table table = trials().row("least loaded", 1, Double.NaN, 1, 1, 1).table();

        assertTrue(table.doubleColumn("utilization").isMissing(0));
    }

    @Test
    void aRowOfTheWrongLengthNamesTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trials().row("Poisson", 1));

        assertTrue(e.getMessage().contains("must be 6 values"), e.getMessage());
        assertTrue(e.getMessage().contains("mean_wait_ms"), e.getMessage());
    }

    @Test
    void aNumberColumnRejectsText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trials().row("Poisson", "one", 0.5, 2, 400, 2));

        assertTrue(e.getMessage().contains("column trial"), e.getMessage());
    }

    @Test
    void columnsCannotBeDeclaredAfterRowsOrTwice() {
        ResultTable table = ResultTable.named("t").count("n").row(1);

        assertThrows(IllegalStateException.class, () -> table.ms("late", 1));
        assertThrows(IllegalArgumentException.class, () -> ResultTable.named("t").ms("a", 1).ms("a", 2));
    }
}
