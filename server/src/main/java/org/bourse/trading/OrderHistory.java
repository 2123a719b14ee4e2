package org.bourse.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bourse.engine.OrderStatus;
import org.bourse.engine.Side;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.LiveOrders;
import org.bourse.exchange.MarketCatalog;
import org.springframework.stereotype.Component;

/**
 * The trading module's public face for reading a user's orders and fills from another transport (the
 * Binance-compatible {@code /api/v3}, the WebSocket): what {@code GET /orders} and {@code GET /fills} read, always
 * scoped to their owner, after the read models have caught up with the user's own commands.
 */
@Component
public final class OrderHistory {

    /** One of the user's fills. Decimals in the market's precision; the fee in {@code feeAsset}. */
    public record OwnFill(long tradeId, long orderId, String symbol, Side side, BigDecimal price, BigDecimal quantity,
                          BigDecimal fee, String feeAsset, boolean maker, Instant executedAt) {
    }

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final LiveOrders live;
    private final OrderRepository orders;

    OrderHistory(ExchangeGateway exchange, MarketCatalog catalog, LiveOrders live, OrderRepository orders) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.live = live;
        this.orders = orders;
    }

    /** The user's order as the engine has it now (the live copy while not yet projected); empty if not theirs. */
    public Optional<OrderView> order(long userId, long orderId) {
        Optional<OrderView> current = live.find(orderId).filter(o -> o.userId() == userId)
                .flatMap(o -> catalog.market(o.symbol()).map(m -> OrderView.of(o, m)));
        return current.or(() -> orders.find(userId, orderId));
    }

    /** The user's orders in {@code symbol} (all markets when null), newest first, at most {@code limit}. */
    public List<OrderView> orders(long userId, String symbol, int limit) {
        exchange.awaitReadModels(userId);
        return orders.list(userId, new OrderRepository.OrderFilter(null, symbol, null, null, null, limit));
    }

    /** The user's working orders (open or partially filled), in {@code symbol} or all markets, oldest first. */
    public List<OrderView> workingOrders(long userId, String symbol, int limit) {
        exchange.awaitReadModels(userId);
        List<OrderView> working = new ArrayList<>();
        for (OrderStatus status : List.of(OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED)) {
            working.addAll(orders.list(userId, new OrderRepository.OrderFilter(status, symbol, null, null, null, limit)));
        }
        working.sort(Comparator.comparingLong(OrderView::id));
        return working.size() > limit ? working.subList(0, limit) : working;
    }

    /** The fills of one of the user's orders, oldest first; none when the order is not theirs. */
    public List<OwnFill> fillsOfOrder(long userId, long orderId) {
        exchange.awaitReadModels(userId);
        return orders.fillsOfOrder(userId, orderId).stream().map(OrderHistory::own).toList();
    }

    /** The user's fills in {@code symbol} (all markets when null), newest first, at most {@code limit}. */
    public List<OwnFill> fills(long userId, String symbol, int limit) {
        exchange.awaitReadModels(userId);
        return orders.fills(userId, symbol, null, limit).stream().map(OrderHistory::own).toList();
    }

    private static OwnFill own(OrderRepository.Fill f) {
        return new OwnFill(f.tradeId(), f.orderId(), f.symbol(), f.side(), f.price(), f.quantity(), f.fee(),
                f.feeAsset(), "maker".equals(f.liquidity()), f.executedAt());
    }
}
