package org.perflab.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessesTest {

    @Test
    void freePortsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        List<Integer> ports = ChildProcesses.freeLoopbackPorts(16);
        assertEquals(16, Set.copyOf(ports).size(), ports.toString());
        for (int port : ports) {
            // Below the source ports of outgoing connections, so nothing takes it while its server restarts.
            assertTrue(port >= ChildProcesses.FIRST_CHOSEN_PORT && port < ChildProcesses.ephemeralPortsStart(),
                    port + " against ephemeral ports from " + ChildProcesses.ephemeralPortsStart());
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void ephemeralPortsAreDistinctBindableAndInTheEphemeralRange() throws Exception {
        List<Integer> ports = ChildProcesses.freeEphemeralLoopbackPorts(5);
        assertEquals(5, Set.copyOf(ports).size(), ports.toString());
        for (int port : ports) {
            // Where a Jupyter client takes a connection file's ports from.
            assertTrue(port >= ChildProcesses.ephemeralPortsStart(), port + " against " + ChildProcesses.ephemeralPortsStart());
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void aPortSomeoneListensOnIsNeverChosen() throws Exception {
        try (ServerSocket busy = new ServerSocket(ChildProcesses.freeLoopbackPort(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 20; i++) {
                assertNotEquals(busy.getLocalPort(), ChildProcesses.freeLoopbackPort());
            }
        }
    }

    @Test
    void deletesNestedFilesAndIgnoresWhatIsAlreadyGone(@TempDir Path parent) throws Exception {
        Path directory = Files.createDirectories(parent.resolve("fleet/logs/old"));
        Files.writeString(directory.resolve("instance-1.log"), "ready 1234\n");
        Files.writeString(parent.resolve("fleet/notes.txt"), "x");
        ChildProcesses.deleteRecursively(parent.resolve("fleet"));
        assertFalse(Files.exists(parent.resolve("fleet")));
        assertTrue(Files.exists(parent), "only the named directory goes");
        ChildProcesses.deleteRecursively(parent.resolve("fleet"));
        ChildProcesses.deleteRecursively(null);
    }
}
