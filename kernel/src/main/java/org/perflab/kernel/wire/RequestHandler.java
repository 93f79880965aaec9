package org.perflab.kernel.wire;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;

/** Answers one kind of shell or control request. */
@FunctionalInterface
public interface RequestHandler {
    void handle(ShellReplyEnvironment env, Message<JsonObject> request) throws Exception;
}
