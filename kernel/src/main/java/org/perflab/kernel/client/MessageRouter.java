package org.perflab.kernel.client;

import com.google.gson.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sorts incoming messages, on the socket thread: replies and iopub messages into the inbox of
 * their parent request, iopub also to the global listeners, input requests to the input handler.
 * Counts what it had to reject, so a timeout can say that signatures were the problem.
 */
final class MessageRouter implements SocketPump.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final Inboxes inboxes;
    private final InputHandler inputHandler;
    private final MessageFactory messages;
    private final Consumer<JupyterMessage> sender;
    private final List<Consumer<JupyterMessage>> iopubListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    private volatile String lastRejection = "";

    MessageRouter(Inboxes inboxes, InputHandler inputHandler, MessageFactory messages,
                  Consumer<JupyterMessage> sender) {
        this.inboxes = inboxes;
        this.inputHandler = inputHandler;
        this.messages = messages;
        this.sender = sender;
    }

    void addIopubListener(Consumer<JupyterMessage> listener) {
        iopubListeners.add(listener);
    }

    long rejectedCount() {
        return rejected.get();
    }

    /** "0", or the count and the last reason. */
    String describeRejections() {
        long count = rejected.get();
        return count == 0 ? "0" : count + ", last: " + lastRejection;
    }

    @Override
    public void onMessage(JupyterMessage message) {
        switch (message.channel()) {
            case IOPUB -> {
                for (Consumer<JupyterMessage> listener : iopubListeners) {
                    listener.accept(message);
                }
                ParentInbox inbox = inboxes.find(message.parentMsgId());
                if (inbox != null) {
                    inbox.deliverIopub(message);
                }
            }
            case SHELL, CONTROL -> {
                ParentInbox inbox = inboxes.find(message.parentMsgId());
                if (inbox != null) {
                    inbox.deliverReply(message);
                } else {
                    LOG.debug("Dropping {}: no pending request has that parent", message);
                }
            }
            case STDIN -> answerInput(message);
            default -> LOG.debug("Ignoring {}", message);
        }
    }

    @Override
    public void onRejected(Channel channel, KernelProtocolException reason) {
        rejected.incrementAndGet();
        lastRejection = reason.getMessage();
        LOG.warn("Rejected a message: {}", reason.getMessage());
    }

    private void answerInput(JupyterMessage request) {
        if (!"input_request".equals(request.msgType())) {
            return;
        }
        String prompt = String.valueOf(request.contentString("prompt"));
        boolean password = request.content().has("password") && request.content().get("password").getAsBoolean();
        JsonObject content = new JsonObject();
        content.addProperty("value", inputHandler.answer(prompt, password));
        sender.accept(messages.reply(Channel.STDIN, "input_reply", content, request.header()));
    }
}
