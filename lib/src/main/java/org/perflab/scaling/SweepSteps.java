package org.perflab.scaling;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.perflab.load.ClosedLoopGenerator;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.Target;

/** One measured point of a concurrency sweep, and the checks on its windows; shared by the sweeps. */
final class SweepSteps {

    private SweepSteps() {
    }

    static Duration checkWarmup(Duration warmup) {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
        }
        return warmup;
    }

    static Duration checkMeasure(Duration measure, long minMillis) {
        if (measure.toMillis() < minMillis) {
            throw new IllegalArgumentException("measure at least " + minMillis + " ms per size, was " + measure);
        }
        return measure;
    }

    /**
     * {@code clients} closed-loop clients on {@code target}: an unmeasured warm-up (JIT, pools and caches at this
     * concurrency), then the measured window with a {@link ResourceSampler} and {@code gauges} beside it.
     */
    static WorkerSweepResult.Step measure(int size, Target target, int clients, Duration warmup, Duration measure,
                                          Map<String, DoubleSupplier> gauges) throws LoadInterruptedException {
        if (!warmup.isZero()) {
            generator(target, clients, warmup).run();
        }
        ResourceSampler.Builder sampler = ResourceSampler.builder();
        gauges.forEach(sampler::gauge);
        ResourceSampler running = sampler.start();
        LoadResult result;
        try {
            result = generator(target, clients, measure).run();
        } finally {
            running.stop();
        }
        return new WorkerSweepResult.Step(size, result, running.stop());
    }

    private static ClosedLoopGenerator generator(Target target, int clients, Duration duration) {
        return ClosedLoopGenerator.builder().target(target).users(clients).duration(duration).build();
    }
}
