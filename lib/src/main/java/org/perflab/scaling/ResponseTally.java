package org.perflab.scaling;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The counts of an {@link HttpLoadTarget}: responses per simulated client and answering instance, failures
 * by kind, successes. Counted concurrently by the sending threads, read as sorted snapshots.
 */
final class ResponseTally {

    private final IntFunction<String> sourceAddressOfClient;
    private final Map<Integer, Map<String, LongAdder>> instancesByClient = new ConcurrentHashMap<>();
    private final Map<HttpLoadTarget.ErrorKind, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder successes = new LongAdder();

    /** @param sourceAddressOfClient the source address simulated client {@code i} sends from */
    ResponseTally(IntFunction<String> sourceAddressOfClient) {
        this.sourceAddressOfClient = sourceAddressOfClient;
    }

    void count(HttpLoadTarget.Outcome outcome) {
        if (outcome.instance() != null) {
            instancesByClient.computeIfAbsent(outcome.client(), c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome.instance(), i -> new LongAdder()).increment();
        }
        if (outcome.succeeded()) {
            successes.increment();
        } else {
            errors.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
        }
    }

    Map<String, Long> responsesByInstance() {
        Map<String, Long> total = new TreeMap<>();
        instancesByClient.values().forEach(byInstance -> addInto(total, byInstance));
        return total;
    }

    Map<Integer, Map<String, Long>> instancesByClient() {
        Map<Integer, Map<String, Long>> result = new TreeMap<>();
        instancesByClient.forEach((client, byInstance) -> addInto(result.computeIfAbsent(client, c -> new TreeMap<>()),
                byInstance));
        return result;
    }

    Map<String, Map<String, Long>> instancesBySourceAddress() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        instancesByClient.forEach((client, byInstance) -> addInto(result.computeIfAbsent(
                sourceAddressOfClient.apply(client), a -> new TreeMap<>()), byInstance));
        return result;
    }

    Map<HttpLoadTarget.ErrorKind, Long> errorsByKind() {
        Map<HttpLoadTarget.ErrorKind, Long> result = new EnumMap<>(HttpLoadTarget.ErrorKind.class);
        errors.forEach((kind, count) -> result.put(kind, count.sum()));
        return result;
    }

    long errors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long successes() {
        return successes.sum();
    }

    void reset() {
        instancesByClient.clear();
        errors.clear();
        successes.reset();
    }

    private static void addInto(Map<String, Long> total, Map<String, LongAdder> counts) {
        counts.forEach((instance, count) -> total.merge(instance, count.sum(), Long::sum));
    }
}
