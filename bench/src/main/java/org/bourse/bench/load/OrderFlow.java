package org.bourse.bench.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * The traffic of the run: draws the next request from the mix for a random trader, and learns from each
 * answer which orders were acknowledged, which rest in the book and which cancels went through.
 * <p>
 * Limit orders are priced around a fixed mid: resting ones up to {@link #LEVELS} ticks on their own side,
 * crossing ones (the {@code crossing} share) up to half as far on the other side, where they meet the resting
 * orders of other traders. Cancels take a trader's oldest resting order, so the book stays near the mid.
 */
final class OrderFlow {

    /** How many ticks from the mid resting orders are spread over. */
    static final int LEVELS = 20;

    /** A request about to be sent; {@code orderId} is the order a cancel is for, else 0. */
    record Request(RequestKind kind, Trader trader, String path, String body, long orderId) {
    }

    private final BourseHttp http;
    private final MarketRules rules;
    private final List<Trader> traders;
    private final Mix mix;
    private final long midTicks;
    private final long unitLots;
    private final double crossing;
    private final LongAdder cancelsWithNothingResting = new LongAdder();
    private final Map<String, LongAdder> placedByStatus = new ConcurrentHashMap<>();

    OrderFlow(BourseHttp http, MarketRules rules, List<Trader> traders, Mix mix, long midTicks, double crossing) {
        this.http = http;
        this.rules = rules;
        this.traders = List.copyOf(traders);
        this.mix = mix;
        this.midTicks = midTicks;
        this.unitLots = rules.unitLots(midTicks);
        this.crossing = crossing;
    }

    /** The largest quantity an order of this flow has, in lots. */
    long largestOrderLots() {
        return unitLots * 5;
    }

    long midTicks() {
        return midTicks;
    }

    /** Cancels drawn when no trader had a resting order; each was sent as a limit order instead. */
    long cancelsWithNothingResting() {
        return cancelsWithNothingResting.sum();
    }

    /** Acknowledged orders by the status they had when acknowledged ("failed" with its reason), warm-up included. */
    Map<String, Long> placedByStatus() {
        Map<String, Long> out = new TreeMap<>();
        placedByStatus.forEach((status, n) -> out.put(status, n.sum()));
        return out;
    }

    Request next(RandomGenerator random) {
        return request(mix.draw(random.nextDouble()), random);
    }

    Request request(RequestKind kind, RandomGenerator random) {
        Trader trader = traders.get(random.nextInt(traders.size()));
        String book = "/api/v1/markets/" + rules.symbol();
        return switch (kind) {
            case LIMIT -> limit(trader, random, random.nextDouble() < crossing);
            case MARKET -> order(trader, RequestKind.MARKET, random.nextBoolean() ? "buy" : "sell",
                    unitLots * (1 + random.nextInt(3)), 0);
            case CANCEL -> cancel(trader, random);
            case BOOK -> new Request(kind, trader, book + "/book?depth=20", null, 0);
            case TICKER -> new Request(kind, trader, book + "/ticker", null, 0);
            case BALANCES -> new Request(kind, trader, "/api/v1/balances", null, 0);
            case ORDERS -> new Request(kind, trader, "/api/v1/orders?limit=20", null, 0);
        };
    }

    /** A limit order that rests in the book (when nothing crosses it), for seeding both sides before the run. */
    Request restingLimit(Trader trader, RandomGenerator random, String side) {
        long offset = 1 + random.nextInt(LEVELS);
        long price = side.equals("buy") ? midTicks - offset : midTicks + offset;
        return order(trader, RequestKind.LIMIT, side, unitLots * (1 + random.nextInt(5)), price);
    }

    private Request limit(Trader trader, RandomGenerator random, boolean crosses) {
        boolean buy = random.nextBoolean();
        long offset = crosses ? 1 + random.nextInt(LEVELS / 2) : -(1 + random.nextInt(LEVELS));
        long price = buy ? midTicks + offset : midTicks - offset;
        return order(trader, RequestKind.LIMIT, buy ? "buy" : "sell", unitLots * (1 + random.nextInt(5)), price);
    }

    private Request order(Trader trader, RequestKind kind, String side, long lots, long priceTicks) {
        StringBuilder body = new StringBuilder(160)
                .append("{\"type\":\"").append(side)
                .append("\",\"crypto_symbol\":\"").append(rules.baseAsset())
                .append("\",\"quote_symbol\":\"").append(rules.quoteAsset())
                .append("\",\"quantity\":\"").append(rules.quantity(lots))
                .append("\",\"order_kind\":\"").append(kind == RequestKind.LIMIT ? "limit" : "market").append('"');
        if (kind == RequestKind.LIMIT) {
            body.append(",\"price\":\"").append(rules.price(priceTicks)).append('"');
        }
        body.append(",\"execute\":true}");
        return new Request(kind, trader, "/api/v1/orders", body.toString(), 0);
    }

    private Request cancel(Trader first, RandomGenerator random) {
        int start = traders.indexOf(first);
        for (int i = 0; i < traders.size(); i++) {
            Trader trader = traders.get((start + i) % traders.size());
            Long orderId = trader.takeRestingOrder();
            if (orderId != null) {
                return new Request(RequestKind.CANCEL, trader, "/api/v1/orders/" + orderId + "/cancel", "", orderId);
            }
        }
        cancelsWithNothingResting.increment();
        return limit(first, random, random.nextDouble() < crossing);
    }

    /**
     * Sends the request, records its answer with the latency since {@code since} (a {@link System#nanoTime()}),
     * and learns from the answer.
     */
    void play(Request request, Stats stats, long since, boolean inWindow) {
        BourseHttp.Reply reply = send(request);
        stats.record(request.kind(), reply, System.nanoTime() - since, inWindow);
        String problem = learn(request, reply);
        if (problem != null) {
            stats.problem(problem);
        }
    }

    BourseHttp.Reply send(Request request) {
        String token = request.kind() == RequestKind.BOOK || request.kind() == RequestKind.TICKER
                ? null : request.trader().token(http);
        return request.body() == null ? http.get(request.path(), token)
                : http.post(request.path(), request.body(), token);
    }

    /**
     * Updates what the run knows from an answer: an acknowledged order (and whether it rests), an
     * acknowledged cancel, or a cancel that did not happen for a reason that leaves the order resting.
     * @return why the answer could not be understood, or null
     */
    String learn(Request request, BourseHttp.Reply reply) {
        switch (request.kind()) {
            case LIMIT, MARKET -> {
                if (reply.status() == 201) {
                    try {
                        Map<String, Object> order = Json.object(reply.body());
                        String status = Json.text(order, "status");
                        request.trader().acknowledged(Long.parseLong(Json.text(order, "id")),
                                "open".equals(status) || "partially_filled".equals(status));
                        String reason = Json.text(order, "failure_reason");
                        placedByStatus.computeIfAbsent(reason == null ? status : status + " " + reason,
                                s -> new LongAdder()).increment();
                    } catch (IllegalArgumentException e) {
                        return "an acknowledged order without a readable id: " + e.getMessage();
                    }
                }
            }
            case CANCEL -> {
                if (reply.status() == 200) {
                    request.trader().cancelAcknowledged(request.orderId());
                } else if (reply.status() == 429) {
                    request.trader().stillResting(request.orderId());
                }
            }
            default -> {
            }
        }
        return null;
    }
}
