package org.perflab.kernel.wire;

/**
 * A multipart message that breaks the Jupyter wire protocol (no delimiter, too few parts, a wrong
 * signature, a part that is not a JSON object), with the reason. The kernel logs it and drops the
 * message; the client turns it into a {@code KernelProtocolException} naming the channel.
 */
public final class WireException extends Exception {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message, null, false, false);
    }
}
