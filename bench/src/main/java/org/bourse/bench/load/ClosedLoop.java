package org.bourse.bench.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput: {@code clients} virtual threads, each sending its next request as soon as the last
 * one is answered. Latency is each request's own time from send to answer, which in a closed loop hides
 * the wait a slow server imposes on requests not yet sent; the open loop is the one for latency figures.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** @param requests stop after this many measured requests instead of after {@code duration}; 0: no limit */
    static Drive run(OrderFlow flow, Stats stats, int clients, Duration warmup, Duration duration, long requests) {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = requests > 0 ? Long.MAX_VALUE : measureFrom + duration.toNanos();
        AtomicLong budget = new AtomicLong(requests > 0 ? requests : Long.MAX_VALUE);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                executor.submit(() -> client(flow, stats, measureFrom, end, budget));
            }
        }
        return new Drive((System.nanoTime() - measureFrom) / 1e9, 0, 0);
    }

    private static void client(OrderFlow flow, Stats stats, long measureFrom, long end, AtomicLong budget) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                return;
            }
            boolean inWindow = now - measureFrom >= 0;
            if (inWindow && budget.getAndDecrement() <= 0) {
                return;
            }
            try {
                OrderFlow.Request request = flow.next(random);
                flow.play(request, stats, System.nanoTime(), inWindow);
            } catch (RuntimeException e) {
                stats.problem("a client failed: " + e);
            }
        }
    }
}
