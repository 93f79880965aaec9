package org.perflab.cache;

import redis.clients.jedis.JedisPubSub;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Tells the other application instances which keys changed, over Redis pub/sub, so each can drop its
 * local copy. Messages are {@code <sender id> <key>}; an instance ignores its own.
 *
 * <p>Surprise: pub/sub is fire-and-forget. A message reaches only instances subscribed at that moment,
 * and arrives a little after the write (a round trip or so): in between, another instance can still
 * read its old local copy. That window is what a tiered cache trades for its local hits.
 */
public final class InvalidationBus implements AutoCloseable {

    private static final long SUBSCRIBE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);

    private final Redis redis;
    private final String channel;
    private final String senderId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final JedisPubSub subscription;
    private final Thread listener;

    private InvalidationBus(RedisKeySpace keySpace, Consumer<String> onInvalidate) {
        this.redis = keySpace.redis();
        this.channel = keySpace.key("invalidations");
        CountDownLatch subscribed = new CountDownLatch(1);
        this.subscription = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                int space = message.indexOf(' ');
                if (space > 0 && !message.startsWith(senderId + " ")) {
                    onInvalidate.accept(message.substring(space + 1));
                    // Counted once acted on, so a reader that sees the count also sees the local tier without the key.
                    received.incrementAndGet();
                }
            }
        };
        this.listener = new Thread(() -> {
            try {
                redis.client().subscribe(subscription, channel);
            } catch (RuntimeException e) {
                // The subscription ends when close() unsubscribes or the server goes away; either way, stop.
            }
        }, "perflab-invalidation-" + senderId);
        listener.setDaemon(true);
        listener.start();
        try {
            if (!subscribed.await(SUBSCRIBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                close();
                throw new RedisUnavailableException("Subscribing to " + channel + " on Redis at " + redis.location()
                        + " took longer than " + SUBSCRIBE_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while subscribing to " + channel, e);
        }
    }

    /**
     * Subscribes to the key space's invalidation channel and returns once Redis confirmed the
     * subscription; {@code onInvalidate} runs on the listener thread with each key another instance changed.
     */
    public static InvalidationBus subscribe(RedisKeySpace keySpace, Consumer<String> onInvalidate) {
        return new InvalidationBus(Objects.requireNonNull(keySpace, "keySpace"),
                Objects.requireNonNull(onInvalidate, "onInvalidate"));
    }

    /** Announces that {@code key} changed; returns how many subscribers Redis delivered it to (this one included). */
    public long publish(String key) {
        published.incrementAndGet();
        return redis.call("PUBLISH to " + channel, jedis -> jedis.publish(channel, senderId + " " + key));
    }

    /** Messages this instance sent. */
    public long published() {
        return published.get();
    }

    /** Messages from other instances this one received and acted on. */
    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        if (subscription.isSubscribed()) {
            subscription.unsubscribe();
        }
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "InvalidationBus[" + channel + ", published " + published + ", received " + received + "]";
    }
}
