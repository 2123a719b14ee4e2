package org.bourse.bench.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed arrival rate: request {@code i} is due at {@code start + i / rate}, whatever happened to the ones
 * before, and its latency runs from that intended time to its answer. A server that stalls therefore shows
 * the stall in every request that arrived meanwhile (no coordinated omission), including time spent
 * waiting for a free connection and any lateness of this scheduler.
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
        try (ExecutorService arrivals = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long intended = start + (long) (i * 1e9 / rate);
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
}
