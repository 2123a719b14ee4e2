package org.bourse.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderState;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maker on one market: each step moves the reference price, then cancels the quotes that are no longer
 * wanted (off the ladder, or mostly filled) and places the missing ones, cancels first so that its new bids
 * never meet its old asks. Quotes are post-only GTC limit orders: the maker only ever makes. Runs on the
 * demo's one thread.
 */
final class MarketMaker {

    private static final Logger log = LoggerFactory.getLogger(MarketMaker.class);

    private record Level(Side side, long price) {
    }

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final String symbol;
    private final long userId;
    private final int levels;
    /** quote minor units */
    private final long levelNotional;
    private final ReferencePrice reference;
    private final RandomGenerator random;
    private final String traceId;
    /** order id → the quote it rests as; only the maker's live orders on this market */
    private final Map<Long, Ladder.Quote> resting = new LinkedHashMap<>();
    private long grid;

    MarketMaker(ExchangeGateway exchange, MarketCatalog catalog, MarketSpec market, long userId, int levels,
                long levelNotional, long startPrice, double volatility, RandomGenerator random) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.symbol = market.symbol();
        this.userId = userId;
        this.levels = levels;
        this.levelNotional = levelNotional;
        this.random = random;
        this.reference = new ReferencePrice(startPrice, market.tickSize(), market.maxPrice(), volatility, random);
        this.grid = Ladder.grid(market, reference.price());
        this.traceId = "demo-maker-" + symbol;
    }

    String symbol() {
        return symbol;
    }

    long levelNotional() {
        return levelNotional;
    }

    long grid() {
        return grid;
    }

    long reference() {
        return reference.price();
    }

    void requote() {
        MarketSpec market = catalog.market(symbol).orElse(null);
        if (market == null || !market.trading()) {
            return;
        }
        long price = reference.step();
        long wantedGrid = Ladder.grid(market, price);
        if (wantedGrid > 2 * grid || 2 * wantedGrid < grid) {
            grid = wantedGrid; // the price moved a long way: re-space, which replaces every quote once
        }
        List<Ladder.Quote> wanted = Ladder.around(market, price, grid, levels, levelNotional, random);
        Set<Level> wantedLevels = new HashSet<>();
        wanted.forEach(quote -> wantedLevels.add(level(quote)));

        Map<Long, Long> remaining = remainingQuantities();
        Set<Level> covered = new HashSet<>();
        for (Iterator<Map.Entry<Long, Ladder.Quote>> it = resting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Ladder.Quote> entry = it.next();
            Long left = remaining.get(entry.getKey());
            Ladder.Quote quote = entry.getValue();
            if (left == null) {
                it.remove(); // filled or cancelled since the last step
            } else if (!wantedLevels.contains(level(quote)) || left < quote.quantity() / 4 || !covered.add(level(quote))) {
                cancel(entry.getKey());
                it.remove();
            }
        }
        for (Ladder.Quote quote : wanted) {
            if (!covered.contains(level(quote))) {
                place(quote);
            }
        }
    }

    /** Cancels every quote this maker placed (at shutdown, so a restart with the demo off finds empty books). */
    void withdraw() {
        resting.keySet().forEach(this::cancel);
        resting.clear();
    }

    private Map<Long, Long> remainingQuantities() {
        List<Long> ids = List.copyOf(resting.keySet());
        return exchange.query(engine -> {
            Map<Long, Long> left = new HashMap<>();
            for (long id : ids) {
                OrderState order = engine.order(id);
                if (order != null) {
                    left.put(id, order.quantity() - order.filledQuantity());
                }
            }
            return left;
        });
    }

    private void place(Ladder.Quote quote) {
        Result result = exchange.execute(new PlaceOrder(userId, null, symbol, quote.side(), OrderKind.LIMIT,
                TimeInForce.GTC, true, quote.price(), 0, quote.quantity(), 0, true, traceId));
        if (result.accepted()) {
            resting.put(result.orderId(), quote);
        } else if (result.rejection() != RejectReason.INSUFFICIENT_FUNDS) {
            log.warn("Demo quote {} {} {} at {} refused: {}", symbol, quote.side(), quote.quantity(), quote.price(),
                    result.rejection());
        }
        // short of funds: the level stays empty until the funding check tops the maker up
    }

    private void cancel(long orderId) {
        exchange.execute(new CancelOrder(userId, orderId, traceId)); // refused only when it finished meanwhile
    }

    private static Level level(Ladder.Quote quote) {
        return new Level(quote.side(), quote.price());
    }
}
