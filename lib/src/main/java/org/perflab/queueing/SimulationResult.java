package org.perflab.queueing;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;
import org.perflab.latency.PercentileSpectrum;

/**
 * What a {@link Simulation} measured over its measurement window (after warm-up), in virtual time.
 *
 * @param setup                 layout, servers, distributions and seed, for the record
 * @param seed                  the seed that reproduces this run exactly
 * @param requests              requests measured (warm-up excluded)
 * @param throughputPerSec      measured requests per simulated second of the window
 * @param utilization           busy time / (servers x window): the fraction of server capacity used
 * @param meanResponseSec       mean time from arrival to departure, computed exactly (not from the
 *                              histogram)
 * @param meanWaitSec           mean time from arrival to the start of service, exactly
 * @param meanQueueLength       requests waiting (not in service), time-averaged over the window
 * @param meanNumberInSystem    requests waiting or in service, time-averaged over the window
 * @param maxQueueLength        most requests waiting at once, over all queues, in the window
 * @param responseTime          response-time summary (nanoseconds, HdrHistogram precision)
 * @param waitTime              waiting-time summary (nanoseconds)
 * @param responseHistogram     response times in nanoseconds; the accessor returns a copy
 * @param simulatedSec          length of the measurement window in simulated seconds
 */
public record SimulationResult(String setup, long seed, long requests, double throughputPerSec, double utilization,
                               double meanResponseSec, double meanWaitSec, double meanQueueLength,
                               double meanNumberInSystem, int maxQueueLength, LatencySummary responseTime,
                               LatencySummary waitTime, Histogram responseHistogram, double simulatedSec) {

    public SimulationResult {
        responseHistogram = responseHistogram.copy();
    }

    @Override
    public Histogram responseHistogram() {
        return responseHistogram.copy();
    }

    public PercentileSpectrum responseSpectrum() {
        return PercentileSpectrum.of(responseHistogram);
    }

    /** Little's law on the measured numbers: |L - lambda W| / (lambda W). Small for any sound run. */
    public double littlesLawRelativeError() {
        return LittlesLaw.relativeError(meanNumberInSystem, throughputPerSec, meanResponseSec);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "simulation %s%n"
                        + "  %d requests over %.1f simulated s: throughput %.2f req/s, utilization %.4f%n"
                        + "  mean response %.4f s, mean wait %.4f s, mean queue length %.3f (max %d),"
                        + " mean in system %.3f%n"
                        + "  response: %s%n"
                        + "  Little's law: L = %.3f vs lambda x W = %.3f (%.2f%% apart)",
                setup, requests, simulatedSec, throughputPerSec, utilization, meanResponseSec, meanWaitSec,
                meanQueueLength, maxQueueLength, meanNumberInSystem, responseTime,
                meanNumberInSystem, throughputPerSec * meanResponseSec, 100 * littlesLawRelativeError());
    }
}
