package org.bourse.demo;

import java.util.random.RandomGenerator;

import org.bourse.engine.OrderKind;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.engine.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taker: now and then one order against the maker's ladder, of either side and a fifth to a whole of a
 * level's value: half of them market orders, half limit orders crossing up to two grid steps past the best
 * opposite price, immediate-or-cancel, so nothing of the taker's ever rests in a book.
 */
final class Taker {

    private static final Logger log = LoggerFactory.getLogger(Taker.class);

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final long userId;
    private final RandomGenerator random;

    Taker(ExchangeGateway exchange, MarketCatalog catalog, long userId, RandomGenerator random) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.userId = userId;
        this.random = random;
    }

    void trade(MarketMaker maker) {
        MarketSpec market = catalog.market(maker.symbol()).orElse(null);
        if (market == null || !market.trading()) {
            return;
        }
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long best = exchange.query(engine -> side == Side.BUY
                ? engine.market(market.symbol()).bestAsk() : engine.market(market.symbol()).bestBid());
        if (best == 0) {
            return; // nothing to take
        }
        long notional = Money.mulDivFloor(maker.levelNotional(), 200 + random.nextInt(801), 1000);
        long quantity = Ladder.quantity(market, best, notional);
        boolean marketOrder = random.nextBoolean();
        long limit = side == Side.BUY ? best + random.nextInt(3) * maker.grid()
                : Math.max(market.tickSize(), best - random.nextInt(3) * maker.grid());
        Result result = exchange.execute(new PlaceOrder(userId, null, market.symbol(), side,
                marketOrder ? OrderKind.MARKET : OrderKind.LIMIT, TimeInForce.IOC, false, marketOrder ? 0 : limit, 0,
                quantity, 0, true, "demo-taker-" + market.symbol()));
        if (!result.accepted()) {
            log.debug("Demo taker order on {} refused: {}", market.symbol(), result.rejection());
        }
    }
}
