package org.bourse.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out run's order flow: the load generator's {@link OpenLoop} over {@link OrderFlow}, which also keeps,
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
        AtomicInteger kept = new AtomicInteger();
        return OpenLoop.run(flow, stats, rate, warmup, duration, MAX_IN_FLIGHT, (request, intended, inWindow) -> {
            long sent = System.nanoTime();
            BourseHttp.Reply reply = flow.send(request);
            stats.record(request.kind(), reply, System.nanoTime() - intended, inWindow);
            String problem = flow.learn(request, reply);
            if (problem != null) {
                stats.problem(problem);
            }
            if (inWindow && request.kind() == RequestKind.LIMIT && reply.status() == 201 && kept.get() < keep
                    && tookLiquidity(reply)) {
                kept.incrementAndGet();
                taking.add(new Taking(request.trader(), Long.parseLong(Json.text(Json.object(reply.body()), "id")), sent));
            }
        });
    }

    /** Whether the acknowledged order had filled some quantity when answered: it traded on arrival. */
    static boolean tookLiquidity(BourseHttp.Reply reply) {
        Map<String, Object> order = Json.object(reply.body());
        String filled = Json.text(order, "filled_quantity");
        return filled != null && new java.math.BigDecimal(filled).signum() > 0;
    }
}
