package org.perflab.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildJvmTest {

    @Test
    void aRunThatDumpsClassDataGoesWithoutTheDebuggerAgent() {
        assertTrue(ChildJvm.dumpsClassData(List.of("-Xmx1g", "-XX:ArchiveClassesAtExit=/tmp/child.jsa")));
        assertTrue(ChildJvm.dumpsClassData(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=a.jsa")));
        assertFalse(ChildJvm.dumpsClassData(List.of("-XX:SharedArchiveFile=/k/child.jsa", "-XX:TieredStopAtLevel=1")));
        assertFalse(ChildJvm.dumpsClassData(List.of()));
    }
}
