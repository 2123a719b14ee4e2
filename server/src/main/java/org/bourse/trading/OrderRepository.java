package org.bourse.trading;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.Side;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of the {@code orders} and {@code fills} read models; always scoped to their owner. */
@Repository
class OrderRepository implements OpenOrders {

    record Fill(long tradeId, long orderId, String symbol, Side side, java.math.BigDecimal price,
                java.math.BigDecimal quantity, java.math.BigDecimal fee, String feeAsset, String liquidity,
                Instant executedAt, String traceId) {

        /** One side of a trade: the taker's fill, or with {@code maker} the resting order's. Fees are in the quote asset. */
        static Fill of(ExchangeEvent.TradeExecuted t, boolean maker, MarketSpec market, String traceId) {
            return new Fill(t.tradeId(), maker ? t.makerOrderId() : t.takerOrderId(), t.symbol(),
                    maker ? t.takerSide().opposite() : t.takerSide(), market.price(t.price()), market.quantity(t.quantity()),
                    market.quoteAmount(maker ? t.makerFee() : t.takerFee()), market.quoteAsset(), maker ? "maker" : "taker",
                    Instant.ofEpochMilli(t.executedAt()), traceId);
        }
    }

    /** Optional filters of a listing; null means any. {@code before} is the cursor: ids below it. */
    record OrderFilter(OrderStatus status, String symbol, Instant from, Instant to, Long before, int limit) {
    }

    private static final String COLUMNS = """
            id, client_order_id, user_id, side, base_asset, quote_asset, symbol, order_kind, time_in_force, post_only,
            quantity, filled_quantity, price, stop_price, average_price, total_amount, fee, status, failure_reason,
            created_at, updated_at, executed_at, cancelled_at, trace_id, sequence""";

    private final JdbcTemplate jdbc;

    OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrderView> find(long userId, long orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE id = ? AND user_id = ?", OrderRepository::order,
                orderId, userId).stream().findFirst();
    }

    List<OrderView> list(long userId, OrderFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.symbol() != null) {
            sql.append(" AND symbol = ?");
            args.add(filter.symbol());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(OrderProjection.utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(OrderProjection.utc(filter.to()));
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?");
            args.add(filter.before());
        }
        // user_id too, though fixed: only then does H2 walk ix_orders_user backwards and stop after the page,
        // instead of reading every order the user ever placed and sorting them (PostgreSQL does either way)
        sql.append(" ORDER BY user_id DESC, id DESC LIMIT ?");
        args.add(filter.limit());
        return jdbc.query(sql.toString(), OrderRepository::order, args.toArray());
    }

    @Override
    public List<Long> openOrderIds(long userId) {
        return jdbc.queryForList("SELECT id FROM orders WHERE user_id = ? AND status IN (?, ?) ORDER BY id", Long.class,
                userId, OrderStatus.OPEN.name(), OrderStatus.PARTIALLY_FILLED.name());
    }

    List<Fill> fillsOfOrder(long userId, long orderId) {
        return jdbc.query("""
                SELECT trade_id, order_id, symbol, side, price, quantity, fee, fee_asset, liquidity, executed_at, trace_id
                FROM fills WHERE order_id = ? AND user_id = ? ORDER BY trade_id""", OrderRepository::fill, orderId, userId);
    }

    List<Fill> fills(long userId, String symbol, Long beforeTradeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT trade_id, order_id, symbol, side, price, quantity, fee, fee_asset, liquidity, executed_at, trace_id
                FROM fills WHERE user_id = ?""");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (symbol != null) {
            sql.append(" AND symbol = ?");
            args.add(symbol);
        }
        if (beforeTradeId != null) {
            sql.append(" AND trade_id < ?");
            args.add(beforeTradeId);
        }
        sql.append(" ORDER BY user_id DESC, trade_id DESC LIMIT ?"); // user_id: see list()
        args.add(limit);
        return jdbc.query(sql.toString(), OrderRepository::fill, args.toArray());
    }

    private static OrderView order(ResultSet r, int row) throws SQLException {
        return new OrderView(r.getLong("id"), r.getString("client_order_id"), r.getLong("user_id"),
                Side.valueOf(r.getString("side")), r.getString("base_asset"), r.getString("quote_asset"),
                r.getString("symbol"), OrderKind.valueOf(r.getString("order_kind")), r.getString("time_in_force"),
                r.getBoolean("post_only"), r.getBigDecimal("quantity"), r.getBigDecimal("filled_quantity"),
                r.getBigDecimal("price"), r.getBigDecimal("stop_price"), r.getBigDecimal("average_price"),
                r.getBigDecimal("total_amount"), r.getBigDecimal("fee"), OrderStatus.valueOf(r.getString("status")),
                r.getString("failure_reason"), instant(r, "created_at"), instant(r, "updated_at"),
                instant(r, "executed_at"), instant(r, "cancelled_at"), r.getString("trace_id"), r.getLong("sequence"));
    }

    private static Fill fill(ResultSet r, int row) throws SQLException {
        return new Fill(r.getLong("trade_id"), r.getLong("order_id"), r.getString("symbol"),
                Side.valueOf(r.getString("side")), r.getBigDecimal("price"), r.getBigDecimal("quantity"),
                r.getBigDecimal("fee"), r.getString("fee_asset"), r.getString("liquidity"), instant(r, "executed_at"),
                r.getString("trace_id"));
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
