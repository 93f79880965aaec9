package org.perflab.kernel.exec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.perflab.kernel.child.ChildProtocol;

import java.time.Duration;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Receives the child's stdout, stderr and display frames (as JShell demultiplexes them) and
 * forwards them to the current cell's {@link CellOutputSink}. Text is decoded as UTF-8 across packet
 * boundaries, batched into one stream message per {@link #FLUSH_PERIOD}, and capped per cell:
 * past {@link #maxTextBytesPerCell} the rest is counted, dropped, and reported once at the end, so
 * a cell that prints 50 MB cannot drown the frontend.
 */
public final class OutputRouter {

    static final Duration FLUSH_PERIOD = Duration.ofMillis(50);
    static final int FLUSH_THRESHOLD_CHARS = 64 * 1024;
    /** Default cap on text printed by one cell; the system property perflab.output.limit.bytes overrides it. */
    static final long DEFAULT_MAX_TEXT_BYTES_PER_CELL = Long.getLong("perflab.output.limit.bytes", 4L * 1024 * 1024);

    private final long maxTextBytesPerCell;
    private final TextChannel stdout = new TextChannel(false);
    private final TextChannel stderr = new TextChannel(true);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perflab-output-router");
        t.setDaemon(true);
        return t;
    });

    private CellOutputSink sink = CellOutputSink.NONE;
    private long textBytesThisCell;
    private long droppedBytesThisCell;

    public OutputRouter() {
        this(DEFAULT_MAX_TEXT_BYTES_PER_CELL);
    }

    OutputRouter(long maxTextBytesPerCell) {
        this.maxTextBytesPerCell = maxTextBytesPerCell;
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Directs all further output to {@code cellSink}, resetting the per-cell cap. */
    public synchronized void beginCell(CellOutputSink cellSink) {
        flush();
        sink = cellSink;
        textBytesThisCell = 0;
        droppedBytesThisCell = 0;
    }

    /** Sends what is buffered and, when output was dropped, a note that says how much. */
    public synchronized void endCell() {
        flush();
        if (droppedBytesThisCell > 0) {
            sink.stderr(String.format("%n[PerfLab] output truncated: %s dropped after the first %s of this cell "
                            + "(set -Dperflab.output.limit.bytes in the kernelspec to change the limit)%n",
                    humanBytes(droppedBytesThisCell), humanBytes(maxTextBytesPerCell)));
            droppedBytesThisCell = 0;
        }
    }

    public OutputStream stdoutStream() {
        return stdout;
    }

    public OutputStream stderrStream() {
        return stderr;
    }

    public OutputStream displayStream() {
        return new DisplayFrames();
    }

    public synchronized void flush() {
        stdout.drainTo();
        stderr.drainTo();
    }

    public void close() {
        flusher.shutdownNow();
    }

    private synchronized void acceptText(TextChannel channel, byte[] bytes, int off, int len) {
        long room = maxTextBytesPerCell - textBytesThisCell;
        int accepted = (int) Math.max(0, Math.min(len, room));
        droppedBytesThisCell += len - accepted;
        textBytesThisCell += accepted;
        if (accepted > 0) {
            channel.decode(bytes, off, accepted);
            if (channel.pending.length() >= FLUSH_THRESHOLD_CHARS) {
                channel.drainTo();
            }
        }
    }

    private synchronized void acceptDisplay(JsonObject frame) {
        flush();
        if (ChildProtocol.KIND_CLEAR.equals(frame.get(ChildProtocol.FRAME_KIND).getAsString())) {
            sink.clearOutput(frame.has(ChildProtocol.FRAME_WAIT) && frame.get(ChildProtocol.FRAME_WAIT).getAsBoolean());
            return;
        }
        JsonObject bundle = frame.getAsJsonObject(ChildProtocol.FRAME_BUNDLE);
        boolean update = ChildProtocol.KIND_UPDATE.equals(frame.get(ChildProtocol.FRAME_KIND).getAsString());
        sink.display(bundle, update);
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** One text stream: bytes in, UTF-8 decoded incrementally, characters out in batches. */
    private final class TextChannel extends OutputStream {
        private final boolean isErr;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final StringBuilder pending = new StringBuilder();
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        TextChannel(boolean isErr) {
            this.isErr = isErr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            acceptText(this, b, off, len);
        }

        void decode(byte[] bytes, int off, int len) {
            ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + len);
            in.put(leftover).put(bytes, off, len).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            out.flip();
            pending.append(out);
            // An incomplete multi-byte character waits for its remaining bytes.
            leftover = in.slice();
        }

        void drainTo() {
            if (pending.length() == 0) {
                return;
            }
            String text = pending.toString();
            pending.setLength(0);
            if (isErr) {
                sink.stderr(text);
            } else {
                sink.stdout(text);
            }
        }
    }

    /** Display frames: a 4-byte big-endian length, then that many bytes of JSON. */
    private final class DisplayFrames extends OutputStream {
        private final byte[] header = new byte[4];
        private int headerFilled;
        private byte[] payload;
        private int payloadFilled;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int pos = off;
            int end = off + len;
            while (pos < end) {
                if (payload == null) {
                    header[headerFilled++] = b[pos++];
                    if (headerFilled == 4) {
                        int frameLen = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16)
                                | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                        payload = new byte[frameLen];
                        payloadFilled = 0;
                        headerFilled = 0;
                    }
                } else {
                    int n = Math.min(end - pos, payload.length - payloadFilled);
                    System.arraycopy(b, pos, payload, payloadFilled, n);
                    payloadFilled += n;
                    pos += n;
                }
                if (payload != null && payloadFilled == payload.length) {
                    String json = new String(payload, StandardCharsets.UTF_8);
                    payload = null;
                    deliver(json);
                }
            }
        }

        private void deliver(String json) {
            try {
                acceptDisplay(JsonParser.parseString(json).getAsJsonObject());
            } catch (RuntimeException e) {
                synchronized (OutputRouter.this) {
                    sink.stderr("[PerfLab] a display could not be decoded and was dropped: " + e + "\n");
                }
            }
        }
    }
}
