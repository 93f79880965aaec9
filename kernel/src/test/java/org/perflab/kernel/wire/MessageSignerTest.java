package org.perflab.kernel.wire;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection file's signature scheme picks the digest; a key-less connection signs nothing. */
class MessageSignerTest {

    private static final byte[] HEADER = "{\"msg_id\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sha512SchemeSignsWithHmacSha512() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        for (byte[] part : new byte[][] {HEADER, EMPTY, EMPTY, EMPTY}) {
            mac.update(part);
        }

        String signature = MessageSigner.forScheme("hmac-sha512", "k").sign(HEADER, EMPTY, EMPTY, EMPTY);

        assertEquals(HexFormat.of().formatHex(mac.doFinal()), signature);
    }

    @Test
    void verifyRejectsAnotherKeysSignature() {
        String forged = MessageSigner.forKey("other").sign(HEADER, EMPTY, EMPTY, EMPTY);

        assertFalse(MessageSigner.forKey("k").verify(forged.getBytes(StandardCharsets.US_ASCII),
                HEADER, EMPTY, EMPTY, EMPTY));
    }

    @Test
    void emptyKeySignsNothingAndAcceptsAnything() {
        MessageSigner unsigned = MessageSigner.forScheme("hmac-sha256", "");

        assertEquals("", unsigned.sign(HEADER, EMPTY, EMPTY, EMPTY));
        assertTrue(unsigned.verify(new byte[0], HEADER, EMPTY, EMPTY, EMPTY));
    }

    @Test
    void schemeThatIsNotAnHmacIsRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageSigner.forScheme("sha256", "k"));

        assertTrue(e.getMessage().contains("hmac-sha256"), e.getMessage());
    }
}
