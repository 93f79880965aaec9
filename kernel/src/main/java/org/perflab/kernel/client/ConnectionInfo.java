package org.perflab.kernel.client;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.perflab.env.ChildProcesses;

/**
 * The contents of a Jupyter connection file: where the kernel's five sockets listen and the key
 * that signs every message.
 *
 * <p>{@link #allocate(String)} picks five free TCP ports on 127.0.0.1 and a random key. The ports
 * are free when picked, not reserved: another process may take one before the kernel binds it.
 * That window is short and a kernel that cannot bind fails at start, which the launcher reports.
 */
public final class ConnectionInfo {

    public static final String TRANSPORT_TCP = "tcp";
    public static final String LOOPBACK_IP = "127.0.0.1";
    public static final String SIGNATURE_SCHEME_HMAC_SHA256 = "hmac-sha256";
    /** 32 random bytes, written as 64 hex characters. */
    static final int KEY_SIZE_BYTES = 32;

    private static final SecureRandom KEY_RANDOM = new SecureRandom();

    private final String transport;
    private final String ip;
    private final Map<Channel, Integer> ports;
    private final String key;
    private final String signatureScheme;
    private final String kernelName;

    private ConnectionInfo(Builder builder) {
        this.transport = builder.transport;
        this.ip = builder.ip;
        this.ports = new EnumMap<>(builder.ports);
        this.key = builder.key;
        this.signatureScheme = builder.signatureScheme;
        this.kernelName = builder.kernelName;
    }

    /** Five free loopback ports, a random key, hmac-sha256. */
    public static ConnectionInfo allocate(String kernelName) {
        Builder builder = builder().kernelName(kernelName).key(randomKey());
        List<Integer> freePorts = findFreePorts(Channel.values().length);
        Channel[] channels = Channel.values();
        for (int i = 0; i < channels.length; i++) {
            builder.port(channels[i], freePorts.get(i));
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a connection file as written by Jupyter or by {@link #writeTo(Path)}. */
    public static ConnectionInfo readFrom(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read connection file " + file + ": " + e.getMessage(), e);
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("Connection file " + file + " is not a JSON object; a kernel "
                    + "connection file holds ip, transport, key and five *_port fields", e);
        }
        Builder builder = builder()
                .transport(stringField(json, "transport", TRANSPORT_TCP))
                .ip(stringField(json, "ip", LOOPBACK_IP))
                .key(stringField(json, "key", ""))
                .signatureScheme(stringField(json, "signature_scheme", SIGNATURE_SCHEME_HMAC_SHA256))
                .kernelName(stringField(json, "kernel_name", ""));
        for (Channel channel : Channel.values()) {
            JsonElement port = json.get(channel.portKey());
            if (port == null || !port.isJsonPrimitive() || !port.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException("Connection file " + file + " has no numeric '" + channel.portKey()
                        + "' (found " + port + "); a kernel connection file needs all of shell_port, iopub_port, "
                        + "stdin_port, control_port and hb_port");
            }
            builder.port(channel, port.getAsInt());
        }
        return builder.build();
    }

    /** Writes this connection as JSON to {@code file}, readable only by its owner where POSIX allows. */
    public Path writeTo(Path file) {
        try {
            if (!Files.exists(file) && supportsPosix()) {
                Files.createFile(file, ownerOnly());
            }
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(toJson()) + "\n",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write connection file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this connection to a new file {@code perflab-kernel-*.json} in the temp directory. */
    public Path writeToTempFile() {
        try {
            Path file = supportsPosix()
                    ? Files.createTempFile("perflab-kernel-", ".json", ownerOnly())
                    : Files.createTempFile("perflab-kernel-", ".json");
            return writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp connection file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    /** The JSON object a connection file holds; key names follow the Jupyter spec. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        for (Channel channel : Channel.values()) {
            json.addProperty(channel.portKey(), ports.get(channel));
        }
        json.addProperty("ip", ip);
        json.addProperty("key", key);
        json.addProperty("transport", transport);
        json.addProperty("signature_scheme", signatureScheme);
        json.addProperty("kernel_name", kernelName);
        return json;
    }

    /** ZeroMQ endpoint of a channel, e.g. {@code tcp://127.0.0.1:53211}. */
    public String endpoint(Channel channel) {
        return transport + "://" + ip + ":" + port(channel);
    }

    public int port(Channel channel) {
        return ports.get(channel);
    }

    public String transport() {
        return transport;
    }

    public String ip() {
        return ip;
    }

    /** The HMAC key; empty means messages are neither signed nor checked. */
    public String key() {
        return key;
    }

    public String signatureScheme() {
        return signatureScheme;
    }

    public String kernelName() {
        return kernelName;
    }

    @Override
    public String toString() {
        // Never print the key: connection files are secrets.
        return "ConnectionInfo{" + transport + "://" + ip + " ports=" + ports + ", scheme=" + signatureScheme
                + ", kernel=" + kernelName + "}";
    }

    static String randomKey() {
        byte[] bytes = new byte[KEY_SIZE_BYTES];
        KEY_RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static List<Integer> findFreePorts(int count) {
        try {
            return ChildProcesses.freeEphemeralLoopbackPorts(count);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find " + count + " free TCP ports on " + LOOPBACK_IP
                    + ": " + e.getMessage(), e);
        }
    }

    /** The key in a connection file lets anyone run code in the kernel: only its owner may read it. */
    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static boolean supportsPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String stringField(JsonObject json, String name, String fallback) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? fallback : value.getAsString();
    }

    /** Builds a {@link ConnectionInfo}; every port must be set. */
    public static final class Builder {
        private String transport = TRANSPORT_TCP;
        private String ip = LOOPBACK_IP;
        private final Map<Channel, Integer> ports = new EnumMap<>(Channel.class);
        private String key = "";
        private String signatureScheme = SIGNATURE_SCHEME_HMAC_SHA256;
        private String kernelName = "";

        private Builder() {
        }

        public Builder transport(String transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder ip(String ip) {
            this.ip = Objects.requireNonNull(ip, "ip");
            return this;
        }

        public Builder port(Channel channel, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(channel.portKey() + " was " + port + "; a TCP port is 1..65535");
            }
            ports.put(channel, port);
            return this;
        }

        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder signatureScheme(String signatureScheme) {
            this.signatureScheme = Objects.requireNonNull(signatureScheme, "signatureScheme");
            return this;
        }

        public Builder kernelName(String kernelName) {
            this.kernelName = Objects.requireNonNull(kernelName, "kernelName");
            return this;
        }

        public ConnectionInfo build() {
            if (!TRANSPORT_TCP.equals(transport)) {
                throw new IllegalArgumentException("transport was '" + transport
                        + "'; this client speaks only 'tcp' (jeromq has no ipc transport)");
            }
            if (!key.isEmpty() && !SIGNATURE_SCHEME_HMAC_SHA256.equals(signatureScheme)) {
                throw new IllegalArgumentException("signature_scheme was '" + signatureScheme
                        + "'; only '" + SIGNATURE_SCHEME_HMAC_SHA256 + "' is supported");
            }
            for (Channel channel : Channel.values()) {
                if (!ports.containsKey(channel)) {
                    throw new IllegalStateException(channel.portKey() + " is not set; set all five ports or use "
                            + "ConnectionInfo.allocate(kernelName)");
                }
            }
            return new ConnectionInfo(this);
        }
    }
}
