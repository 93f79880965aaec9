package org.perflab.cache;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The same N SET commands sent two ways: one at a time, each waiting for its reply (N round trips), and
 * pipelined, all written before any reply is read (one flush, replies read in a stream). Redis executes
 * the same N commands either way; the difference is how often the client waits on the network.
 *
 * <p>Each repetition runs both ways, alternating which goes first, so a slow moment of the machine
 * hurts both alike. Every reply is checked to be OK, and the keys are the same in both ways (each run
 * overwrites them), so afterwards exactly N keys exist under the key space.
 */
public final class RedisPipelining {

    /** Time per batch of {@code commands} SETs, both ways. */
    public record Result(int commands, LatencySummary oneRoundTripEach, LatencySummary pipelined) {

        /** Median time one at a time over median time pipelined. */
        public double speedup() {
            return (double) oneRoundTripEach.p50Nanos() / pipelined.p50Nanos();
        }

        /** Median time per command one at a time, microseconds: about one loopback round trip. */
        public double microsPerCommandOneByOne() {
            return oneRoundTripEach.p50Nanos() / 1e3 / commands;
        }

        public double microsPerCommandPipelined() {
            return pipelined.p50Nanos() / 1e3 / commands;
        }
    }

    private RedisPipelining() {
    }

    /** Runs {@code warmups} untimed and {@code repetitions} timed batches of {@code commands} SETs each way. */
    public static Result compare(RedisKeySpace keySpace, int commands, int warmups, int repetitions) {
        Require.between("commands", commands, 1, 10_000_000, "send at least one SET per batch, e.g. 1_000");
        Require.atLeast("warmups", warmups, 0, "give 0 for no warm-up");
        Require.atLeast("repetitions", repetitions, 1, "time at least one batch each way");
        List<String> keys = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) {
            keys.add(keySpace.key("pipelining:" + i));
        }
        LatencyRecorder oneByOne = LatencyRecorder.create();
        LatencyRecorder pipelined = LatencyRecorder.create();
        for (int run = 0; run < warmups + repetitions; run++) {
            boolean timed = run >= warmups;
            String value = "run " + run;
            if (run % 2 == 0) {
                time(timed ? oneByOne : null, () -> setOneByOne(keySpace.redis(), keys, value));
                time(timed ? pipelined : null, () -> setPipelined(keySpace.redis(), keys, value));
            } else {
                time(timed ? pipelined : null, () -> setPipelined(keySpace.redis(), keys, value));
                time(timed ? oneByOne : null, () -> setOneByOne(keySpace.redis(), keys, value));
            }
        }
        return new Result(commands, oneByOne.summary(), pipelined.summary());
    }

    private static void time(LatencyRecorder recorder, Runnable batch) {
        long start = System.nanoTime();
        batch.run();
        long elapsed = System.nanoTime() - start;
        if (recorder != null) {
            recorder.recordNanos(elapsed);
        }
    }

    /** N SETs, each waiting for its reply. */
    static void setOneByOne(Redis redis, List<String> keys, String value) {
        redis.call(keys.size() + " SETs, one round trip each", jedis -> {
            for (String key : keys) {
                requireOk(jedis.set(key, value), key);
            }
            return null;
        });
    }

    /** N SETs written into one pipeline, then every reply read. */
    static void setPipelined(Redis redis, List<String> keys, String value) {
        redis.call(keys.size() + " pipelined SETs", jedis -> {
            List<Response<String>> replies = new ArrayList<>(keys.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String key : keys) {
                    replies.add(pipeline.set(key, value));
                }
                pipeline.sync();
            }
            for (int i = 0; i < replies.size(); i++) {
                requireOk(replies.get(i).get(), keys.get(i));
            }
            return null;
        });
    }

    private static void requireOk(String reply, String key) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("SET " + key + " answered " + reply + " instead of OK");
        }
    }
}
