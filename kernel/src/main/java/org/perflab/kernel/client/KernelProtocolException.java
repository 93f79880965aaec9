package org.perflab.kernel.client;

/**
 * A message broke the wire protocol: a bad HMAC signature, a missing delimiter, a frame that is
 * not JSON. The client drops such messages and counts them ({@link KernelClient#rejectedMessageCount()}).
 */
public class KernelProtocolException extends KernelException {

    public KernelProtocolException(String message) {
        super(message);
    }

    public KernelProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
