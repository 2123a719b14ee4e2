package org.bourse.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out run's order flow: the load generator's open loop (arrival {@code i} due at
 * {@code start + i / rate}, HTTP latency from that intended time) over {@link OrderFlow}, which also keeps,
 * for up to {@code keep} orders of the measured window that traded when placed (they took liquidity, so
 * their fills as taker are trades they caused), the moment each was sent.
 */
final class FanoutDriver {

    /** An order that took liquidity, and {@link System#nanoTime()} just before its request was sent. */
    record Taking(Trader trader, long orderId, long sentNanos) {
    }

    private static final int MAX_IN_FLIGHT = 10_000;

    private FanoutDriver() {
    }

    static Drive run(OrderFlow flow, Stats stats, double rate, Duration warmup, Duration duration,
                     ConcurrentLinkedQueue<Taking> taking, int keep) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
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
                if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                    inFlight.decrementAndGet();
                    shed.increment();
                    if (request.kind() == RequestKind.CANCEL) {
                        request.trader().stillResting(request.orderId());
                    }
                    continue;
                }
                arrivals.submit(() -> {
                    try {
                        long sent = System.nanoTime();
                        BourseHttp.Reply reply = flow.send(request);
                        stats.record(request.kind(), reply, System.nanoTime() - intended, inWindow);
                        String problem = flow.learn(request, reply);
                        if (problem != null) {
                            stats.problem(problem);
                        }
                        if (inWindow && request.kind() == RequestKind.LIMIT && reply.status() == 201
                                && kept.get() < keep && tookLiquidity(reply)) {
                            kept.incrementAndGet();
                            taking.add(new Taking(request.trader(), Long.parseLong(
                                    Json.text(Json.object(reply.body()), "id")), sent));
                        }
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

    /** Whether the acknowledged order had filled some quantity when answered: it traded on arrival. */
    static boolean tookLiquidity(BourseHttp.Reply reply) {
        Map<String, Object> order = Json.object(reply.body());
        String filled = Json.text(order, "filled_quantity");
        return filled != null && new java.math.BigDecimal(filled).signum() > 0;
    }
}
