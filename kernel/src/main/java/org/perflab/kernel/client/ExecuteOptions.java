package org.perflab.kernel.client;

import com.google.gson.JsonObject;

import java.util.Objects;

/**
 * The flags of an execute_request besides the code. Defaults suit a notebook run: results are
 * stored in history, stdin is not offered (a runner cannot type), and an error aborts the queue.
 */
public final class ExecuteOptions {

    private static final ExecuteOptions DEFAULTS = builder().build();

    private final boolean silent;
    private final boolean storeHistory;
    private final boolean allowStdin;
    private final boolean stopOnError;
    private final JsonObject userExpressions;

    private ExecuteOptions(Builder builder) {
        this.silent = builder.silent;
        this.storeHistory = builder.storeHistory;
        this.allowStdin = builder.allowStdin;
        this.stopOnError = builder.stopOnError;
        this.userExpressions = builder.userExpressions.deepCopy();
    }

    public static ExecuteOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean silent() {
        return silent;
    }

    public boolean storeHistory() {
        return storeHistory;
    }

    public boolean allowStdin() {
        return allowStdin;
    }

    public boolean stopOnError() {
        return stopOnError;
    }

    /** The content of an execute_request for {@code code}. */
    public JsonObject toContent(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", Objects.requireNonNull(code, "code"));
        content.addProperty("silent", silent);
        content.addProperty("store_history", storeHistory);
        content.add("user_expressions", userExpressions.deepCopy());
        content.addProperty("allow_stdin", allowStdin);
        content.addProperty("stop_on_error", stopOnError);
        return content;
    }

    public static final class Builder {
        private boolean silent;
        private boolean storeHistory = true;
        private boolean allowStdin;
        private boolean stopOnError = true;
        private JsonObject userExpressions = new JsonObject();

        private Builder() {
        }

        /** Silent: no broadcast on iopub and no execution_count increment (spec: implies storeHistory false). */
        public Builder silent(boolean silent) {
            this.silent = silent;
            return this;
        }

        public Builder storeHistory(boolean storeHistory) {
            this.storeHistory = storeHistory;
            return this;
        }

        /** Offer stdin; then the client must have an input handler or input() blocks the kernel. */
        public Builder allowStdin(boolean allowStdin) {
            this.allowStdin = allowStdin;
            return this;
        }

        /**
         * Abort requests queued behind a failing one. Surprise: ipykernel also aborts a request
         * that arrives in the instant after the error, so a client that sends its next request at
         * once may get status {@code aborted}; retry it.
         */
        public Builder stopOnError(boolean stopOnError) {
            this.stopOnError = stopOnError;
            return this;
        }

        /** Expressions evaluated after the code; their values come back in the reply. */
        public Builder userExpressions(JsonObject userExpressions) {
            this.userExpressions = Objects.requireNonNull(userExpressions, "userExpressions");
            return this;
        }

        public ExecuteOptions build() {
            return new ExecuteOptions(this);
        }
    }
}
