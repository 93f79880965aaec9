package org.perflab.kernel.wire;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.MessageContext;

/** jjava-jupyter's reply environment, made constructible from this package. */
final class ReplyEnv extends ShellReplyEnvironment {
    ReplyEnv(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context) {
        super(shell, stdin, iopub, context);
    }
}
