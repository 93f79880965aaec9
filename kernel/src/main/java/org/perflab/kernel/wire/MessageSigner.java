package org.perflab.kernel.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 over the four JSON frames of a message (header, parent_header, metadata, content),
 * as lower-case hex. An empty key turns signing off, as the Jupyter spec allows. The kernel checks
 * what frontends send with it and the client signs and checks its own messages with it.
 *
 * <p>Thread-safe: every call works on its own {@link Mac}, cloned from a keyed prototype because
 * {@code Mac.getInstance} costs a provider lookup that a round-trip benchmark would measure.
 */
public final class MessageSigner {

    private final SecretKeySpec keySpec;
    private final Mac prototype;

    private MessageSigner(SecretKeySpec keySpec, Mac prototype) {
        this.keySpec = keySpec;
        this.prototype = prototype;
    }

    /** The scheme every Jupyter frontend writes into the connection file. */
    public static final String DEFAULT_SCHEME = "hmac-sha256";

    /** A signer for the connection file's key with HMAC-SHA256; an empty key signs nothing and accepts everything. */
    public static MessageSigner forKey(String key) {
        return forScheme(DEFAULT_SCHEME, key);
    }

    /**
     * A signer for the connection file's {@code signature_scheme} ({@code hmac-sha256},
     * {@code hmac-sha512}, ...) and key; an empty key signs nothing and accepts everything.
     */
    public static MessageSigner forScheme(String scheme, String key) {
        if (key.isEmpty()) {
            return new MessageSigner(null, null);
        }
        if (!scheme.startsWith("hmac-")) {
            throw new IllegalArgumentException("signature_scheme must be hmac-<digest>, was '" + scheme
                    + "': write hmac-sha256 into the connection file");
        }
        String algorithm = "Hmac" + scheme.substring("hmac-".length()).toUpperCase(java.util.Locale.ROOT);
        // Jupyter uses the key's UTF-8 bytes as the HMAC key, not the bytes the hex encodes.
        SecretKeySpec keySpec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
        return new MessageSigner(keySpec, keyedMac(keySpec));
    }

    /** The hex signature of the parts, or an empty string when signing is off. */
    public String sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (prototype == null) {
            return "";
        }
        return HexFormat.of().formatHex(digest(header, parentHeader, metadata, content));
    }

    /** Constant-time check of a received signature; always true when signing is off. */
    public boolean verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (prototype == null) {
            return true;
        }
        byte[] expected = sign(header, parentHeader, metadata, content).getBytes(StandardCharsets.US_ASCII);
        // MessageDigest.isEqual does not stop at the first differing byte, so timing leaks nothing.
        return MessageDigest.isEqual(expected, signature);
    }

    private byte[] digest(byte[]... parts) {
        Mac mac = newMac();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return keyedMac(keySpec);
        }
    }

    private static Mac keyedMac(SecretKeySpec keySpec) {
        try {
            Mac mac = Mac.getInstance(keySpec.getAlgorithm());
            mac.init(keySpec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot compute " + keySpec.getAlgorithm() + ": " + e.getMessage(), e);
        }
    }
}
