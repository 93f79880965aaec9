package org.perflab.kernel.client;

import com.google.gson.JsonObject;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Builds outgoing messages with a spec v5.3 header. One factory per client session: every message
 * carries the same {@code session} and {@code username}.
 */
final class MessageFactory {

    static final String PROTOCOL_VERSION = "5.3";

    private final String session;
    private final String username;
    private final Clock clock;

    MessageFactory(String session, String username, Clock clock) {
        this.session = session;
        this.username = username;
        this.clock = clock;
    }

    String session() {
        return session;
    }

    JupyterMessage request(Channel channel, String msgType, JsonObject content) {
        return reply(channel, msgType, content, new JsonObject());
    }

    /** A message whose parent_header is {@code parentHeader}, e.g. an input_reply. */
    JupyterMessage reply(Channel channel, String msgType, JsonObject content, JsonObject parentHeader) {
        return new JupyterMessage(channel, List.of(), header(msgType), parentHeader, new JsonObject(), content,
                List.of());
    }

    JsonObject header(String msgType) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", username);
        // ISO 8601 with an explicit UTC zone: the spec requires a timezone on dates.
        header.addProperty("date", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        header.addProperty("msg_type", msgType);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }
}
