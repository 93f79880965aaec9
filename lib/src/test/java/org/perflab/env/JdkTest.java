package org.perflab.env;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdkTest {

    @Test
    void theRunningFeatureReleaseIsMet() {
        assertEquals(Runtime.version().feature(), Jdk.feature());
        assertDoesNotThrow(() -> Jdk.require(Jdk.feature(), "anything"));
        assertDoesNotThrow(() -> Jdk.require(17, "anything"));
    }

    @Test
    void aNewerReleaseStopsTheNotebookWithWhatNeedsItAndTheFix() {
        int newer = Jdk.feature() + 1;
        NotebookStopped stopped = assertThrows(NotebookStopped.class, () -> Jdk.require(newer, "virtual threads"));
        String reason = stopped.getMessage();
        assertTrue(reason.contains("needs JDK " + newer + " or later for virtual threads"), reason);
        assertTrue(reason.contains("runs on JDK " + Jdk.feature()), reason);
        assertTrue(reason.contains("install"), reason);
        assertEquals(0, stopped.getStackTrace().length, "a reason, not a crash");
    }
}
