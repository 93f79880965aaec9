package org.perflab.kernel.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor's helper: it times real JShell snippets and its one output line parses back. */
class JShellFloorTest {

    @Test
    void timesEachSnippetAfterTheWarmUps() {
        List<Long> nanos = JShellFloor.timeSnippets(1, 3);
        assertEquals(3, nanos.size());
        assertTrue(nanos.stream().allMatch(n -> n > 0), nanos.toString());
    }

    @Test
    void parsesItsLineAmongOtherOutputAndSaysWhenItIsMissing() {
        assertEquals(List.of(12L, 34L), JShellFloor.parse("Picked up JAVA_TOOL_OPTIONS\nsnippet-nanos 12 34\n"));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> JShellFloor.parse("Error: could not find jdk.jshell"));
        assertTrue(missing.getMessage().contains("could not find jdk.jshell"), missing.getMessage());
    }
}
