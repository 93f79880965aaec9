package org.perflab.scaling;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * One server behind a simulated load balancer.
 *
 * @param speed   how fast it works relative to the service-time distribution: a request that
 *                takes {@code t} at speed 1 takes {@code t / speed} here (0.5: an older machine, a
 *                noisy neighbour)
 * @param workers requests it serves at once (threads, cores); more queue at the server, first come
 *                first served
 * @param weight  what weighted policies are told about it; a configuration, not a measurement, so it
 *                may disagree with {@code speed}
 */
public record SimulatedServer(double speed, int workers, int weight) {

    /** More workers per server than this is a typo, and each one costs the simulation a slot. */
    public static final int MAX_WORKERS = 10_000;

    public SimulatedServer {
        Require.positiveFinite("speed", speed, "use 1 for a standard server, 0.5 for one half as fast");
        Require.between("workers", workers, 1, MAX_WORKERS, "give the server at least one worker, e.g. one per core");
        Require.atLeast("weight", weight, 1, "use 1 for an even share, more for a bigger share");
    }

    /** Speed 1, one worker, weight 1. */
    public static SimulatedServer standard() {
        return new SimulatedServer(1, 1, 1);
    }

    public SimulatedServer withSpeed(double speed) {
        return new SimulatedServer(speed, workers, weight);
    }

    public SimulatedServer withWorkers(int workers) {
        return new SimulatedServer(speed, workers, weight);
    }

    public SimulatedServer withWeight(int weight) {
        return new SimulatedServer(speed, workers, weight);
    }

    /** Requests per unit of mean service time it can complete: {@code speed x workers}. */
    double capacity() {
        return speed * workers;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "server(speed %.3g, %d worker%s, weight %d)", speed, workers,
                workers == 1 ? "" : "s", weight);
    }
}
