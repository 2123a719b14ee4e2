package org.bourse.trading;

import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.OrderSnapshot;

/**
 * An order and a fill as their owner sees them, for streaming transports (the WebSocket's private channels):
 * the very bodies {@code GET /orders/{id}} and {@code GET /fills} return, so a stream and a read never
 * disagree on shape.
 */
public final class OrderRendering {

    private OrderRendering() {
    }

    /** API.md's order object for the order as the engine left it. */
    public static Object order(OrderSnapshot order, MarketSpec market) {
        return OrderView.of(order, market).response(market);
    }

    /** One owner's side of a trade as a row of {@code GET /fills}: the taker's, or with {@code maker} the resting order's. */
    public static Object fill(ExchangeEvent.TradeExecuted trade, boolean maker, MarketSpec market, String traceId) {
        return OrderController.FillResponse.of(OrderRepository.Fill.of(trade, maker, market, traceId), market);
    }
}
