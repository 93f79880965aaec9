package org.perflab.kernel.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionInfoTest {

    @Test
    void allocatesFiveDistinctLoopbackPortsAndARandomHexKey() {
        ConnectionInfo info = ConnectionInfo.allocate("perflab-java");

        long distinct = Arrays.stream(Channel.values()).mapToInt(info::port).distinct().count();
        assertEquals(5, distinct);
        assertTrue(info.key().matches("[0-9a-f]{64}"), info.key());
        assertEquals("127.0.0.1", info.ip());
        assertEquals("tcp", info.transport());
        assertEquals("hmac-sha256", info.signatureScheme());
        assertEquals("tcp://127.0.0.1:" + info.port(Channel.SHELL), info.endpoint(Channel.SHELL));
        assertFalse(info.key().equals(ConnectionInfo.allocate("x").key()));
    }

    @Test
    void writesAFileOnlyItsOwnerCanReadAndReadsItBack() throws Exception {
        ConnectionInfo info = ConnectionInfo.allocate("perflab-java");
        Path file = info.writeToTempFile();
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            ConnectionInfo read = ConnectionInfo.readFrom(file);
            assertEquals(info.toJson(), read.toJson());
            String text = Files.readString(file);
            for (String key : new String[]{"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port",
                    "ip", "key", "transport", "signature_scheme", "kernel_name"}) {
                assertTrue(text.contains("\"" + key + "\""), key + " missing in " + text);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void readingAFileWithoutAPortSaysWhichFieldIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, "{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4,"
                + " \"ip\": \"127.0.0.1\", \"key\": \"k\", \"transport\": \"tcp\"}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.readFrom(file));
        assertTrue(e.getMessage().contains("'hb_port'"), e.getMessage());
    }

    @Test
    void rejectsImpossibleValuesWithTheValueInTheMessage() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ConnectionInfo.builder().port(Channel.SHELL, 70000));
        assertTrue(port.getMessage().contains("70000"), port.getMessage());
        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
                () -> withAllPorts(ConnectionInfo.builder().transport("ipc")).build());
        assertTrue(transport.getMessage().contains("'ipc'"), transport.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ConnectionInfo.builder().port(Channel.SHELL, 1).build());
        assertTrue(missing.getMessage().contains("iopub_port"), missing.getMessage());
    }

    @Test
    void toStringNeverShowsTheKey() {
        ConnectionInfo info = ConnectionInfo.allocate("k");
        assertFalse(info.toString().contains(info.key()));
    }

    private static ConnectionInfo.Builder withAllPorts(ConnectionInfo.Builder builder) {
        int port = 50000;
        for (Channel channel : Channel.values()) {
            builder.port(channel, port++);
        }
        return builder;
    }
}
