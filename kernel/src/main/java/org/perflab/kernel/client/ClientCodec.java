package org.perflab.kernel.client;

import org.perflab.kernel.wire.WireCodec;
import org.perflab.kernel.wire.WireException;

import java.util.List;

/**
 * The client's side of the shared {@link WireCodec}: a {@link JupyterMessage} to frames and back,
 * and a rejected message as a {@link KernelProtocolException} that names the channel it came on.
 */
final class ClientCodec {

    private final WireCodec codec;

    private ClientCodec(WireCodec codec) {
        this.codec = codec;
    }

    static ClientCodec forKey(String key) {
        return new ClientCodec(WireCodec.forKey(key));
    }

    List<byte[]> encode(JupyterMessage message) {
        return codec.encode(message.identities(), message.header(), message.parentHeader(), message.metadata(),
                message.content(), message.buffers());
    }

    JupyterMessage decode(Channel channel, List<byte[]> frames) {
        long receivedNanos = System.nanoTime();
        try {
            WireCodec.Frames parts = codec.split(frames);
            return new JupyterMessage(channel, parts.identities(),
                    WireCodec.parseObject(parts.header(), "header"),
                    WireCodec.parseObject(parts.parentHeader(), "parent_header"),
                    WireCodec.parseObject(parts.metadata(), "metadata"),
                    WireCodec.parseObject(parts.content(), "content"),
                    parts.buffers(), receivedNanos);
        } catch (WireException e) {
            throw new KernelProtocolException("Message on " + channel.wireName() + ": " + e.getMessage(), e);
        }
    }
}
