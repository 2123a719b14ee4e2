package org.bourse.bench.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed arrival rate: in the measured window request {@code i} is due every {@code 1 / rate}, whatever
 * happened to the ones before, and its latency runs from that intended time to its answer. A server that
 * stalls therefore shows the stall in every request that arrived meanwhile (no coordinated omission),
 * including time spent waiting for a free connection and any lateness of this scheduler.
 *
 * <p>During the warm-up the rate climbs evenly from a tenth of {@code rate} to {@code rate}: a server whose
 * JIT is still compiling takes a fraction of its later rate, and a full rate from the first second built a
 * backlog that the measured window inherited, measuring the cold start instead of the rate.
 */
final class OpenLoop {

    /** What is done with one arrival, on a virtual thread of its own. */
    @FunctionalInterface
    interface Arrival {
        void play(OrderFlow.Request request, long intendedNanos, boolean inWindow);
    }

    private OpenLoop() {
    }

    static Drive run(OrderFlow flow, Stats stats, double rate, Duration warmup, Duration duration, int maxInFlight) {
        return run(flow, stats, rate, warmup, duration, maxInFlight,
                (request, intended, inWindow) -> flow.play(request, stats, intended, inWindow));
    }

    static Drive run(OrderFlow flow, Stats stats, double rate, Duration warmup, Duration duration, int maxInFlight,
                     Arrival arrival) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        AtomicInteger inFlight = new AtomicInteger();
        LongAdder shed = new LongAdder();
        long worstLag = 0;
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        double warmupSeconds = warmup.toNanos() / 1e9;
        try (ExecutorService arrivals = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long intended = start + dueNanos(i, rate, warmupSeconds);
                if (intended - end >= 0) {
                    break;
                }
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                worstLag = Math.max(worstLag, System.nanoTime() - intended);
                boolean inWindow = intended - measureFrom >= 0;
                OrderFlow.Request request = flow.next(random);
                if (inFlight.incrementAndGet() > maxInFlight) {
                    inFlight.decrementAndGet();
                    shed.increment();
                    if (request.kind() == RequestKind.CANCEL) {
                        request.trader().stillResting(request.orderId());
                    }
                    continue;
                }
                arrivals.submit(() -> {
                    try {
                        arrival.play(request, intended, inWindow);
                    } catch (RuntimeException e) {
                        stats.problem("an arrival failed: " + e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        }
        return new Drive(duration.toNanos() / 1e9, shed.sum(), worstLag);
    }

    /**
     * When arrival {@code i} is due, in nanoseconds from the start. Over the warm-up of {@code w} seconds the
     * rate climbs linearly from {@code r0 = rate / 10} to {@code rate}, so the arrivals by time {@code t} are
     * {@code r0 t + (rate - r0) t^2 / 2w}, solved here for {@code t}; after it, one every {@code 1 / rate}.
     */
    static long dueNanos(long i, double rate, double warmupSeconds) {
        double r0 = rate / 10;
        double rampArrivals = warmupSeconds * (rate + r0) / 2;
        if (i >= rampArrivals) {
            return (long) ((warmupSeconds + (i - rampArrivals) / rate) * 1e9);
        }
        double a = (rate - r0) / (2 * warmupSeconds);
        return (long) ((-r0 + Math.sqrt(r0 * r0 + 4 * a * i)) / (2 * a) * 1e9);
    }
}
