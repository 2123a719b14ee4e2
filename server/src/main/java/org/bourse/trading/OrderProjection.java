package org.bourse.trading;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code orders} (latest state of each order) and {@code fills} (each side of each trade). */
@Component
final class OrderProjection implements Projection {

    private static final String UPDATE = """
            UPDATE orders SET quantity = ?, filled_quantity = ?, price = ?, stop_price = ?, quoted_price = ?,
                   average_price = ?, total_amount = ?, fee = ?, status = ?, failure_reason = ?, updated_at = ?,
                   executed_at = ?, cancelled_at = ?, sequence = ?
            WHERE id = ? AND sequence <= ?""";
    private static final String INSERT = """
            INSERT INTO orders (quantity, filled_quantity, price, stop_price, quoted_price, average_price, total_amount,
                                fee, status, failure_reason, updated_at, executed_at, cancelled_at, sequence, id,
                                user_id, client_order_id, symbol, base_asset, quote_asset, side, order_kind,
                                time_in_force, post_only, created_at, trace_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** For an order the update did not change: absent, or already newer (a quarantined command written late). */
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO orders (quantity, filled_quantity, price, stop_price, quoted_price, average_price, total_amount,
                                fee, status, failure_reason, updated_at, executed_at, cancelled_at, sequence, id,
                                user_id, client_order_id, symbol, base_asset, quote_asset, side, order_kind,
                                time_in_force, post_only, created_at, trace_id)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM orders WHERE id = ?)""";
    private static final String INSERT_FILL = """
            INSERT INTO fills (order_id, trade_id, user_id, symbol, side, price, quantity, fee, fee_asset, liquidity,
                               executed_at, trace_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final MarketCatalog catalog;
    /** The highest order id in the table; -1 until read. Only the projector thread touches it. */
    private long highestWritten = -1;

    OrderProjection(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        Map<Long, OrderView> latest = new LinkedHashMap<>();
        List<Object[]> fills = new ArrayList<>();
        for (CommandEvents command : batch) {
            for (ExchangeEvent event : command.events()) {
                switch (event) {
                    case ExchangeEvent.OrderChanged changed -> {
                        MarketSpec market = catalog.market(changed.order().symbol()).orElseThrow();
                        latest.put(changed.order().id(), OrderView.of(changed.order(), market));
                    }
                    case ExchangeEvent.TradeExecuted trade -> addFills(fills, trade, command.traceId());
                    default -> {
                    }
                }
            }
        }
        upsert(jdbc, latest.values());
        if (!fills.isEmpty()) {
            jdbc.batchUpdate(INSERT_FILL, fills);
        }
    }

    /**
     * Order ids only grow, so an order above the highest id written is new and is inserted at once; the
     * others are updated, with an insert for any the update did not find.
     */
    private void upsert(JdbcTemplate jdbc, java.util.Collection<OrderView> orders) {
        if (orders.isEmpty()) {
            return;
        }
        if (highestWritten < 0) {
            highestWritten = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM orders", Long.class);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<OrderView> known = new ArrayList<>();
        long highest = highestWritten;
        for (OrderView order : orders) {
            if (order.id() > highestWritten) {
                inserts.add(creating(order));
                highest = Math.max(highest, order.id());
            } else {
                known.add(order);
            }
        }
        if (!known.isEmpty()) {
            int[] counts = jdbc.batchUpdate(UPDATE, known.stream().map(OrderProjection::guarded).toList());
            List<Object[]> unchanged = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Object[] row = creating(known.get(i));
                    Object[] guarded = java.util.Arrays.copyOf(row, row.length + 1);
                    guarded[row.length] = known.get(i).id();
                    unchanged.add(guarded);
                }
            }
            if (!unchanged.isEmpty()) {
                jdbc.batchUpdate(INSERT_IF_ABSENT, unchanged);
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts);
        }
        highestWritten = highest;
    }

    private static Object[] changing(OrderView o) {
        return new Object[] {o.quantity(), o.filledQuantity(), o.price(), o.stopPrice(), o.price(), o.averagePrice(),
                o.totalAmount(), o.fee(), o.status().name(), o.failureReason(), utc(o.updatedAt()), utc(o.executedAt()),
                utc(o.cancelledAt()), o.sequence(), o.id()};
    }

    /** The update's values, then the sequence it must not go back before. */
    private static Object[] guarded(OrderView o) {
        Object[] changing = changing(o);
        Object[] row = java.util.Arrays.copyOf(changing, changing.length + 1);
        row[changing.length] = o.sequence();
        return row;
    }

    private static Object[] creating(OrderView o) {
        Object[] changing = changing(o);
        Object[] row = new Object[changing.length + 11];
        System.arraycopy(changing, 0, row, 0, changing.length);
        int i = changing.length;
        row[i++] = o.userId();
        row[i++] = o.clientOrderId();
        row[i++] = o.symbol();
        row[i++] = o.baseAsset();
        row[i++] = o.quoteAsset();
        row[i++] = o.side().name();
        row[i++] = o.kind().name();
        row[i++] = o.timeInForce();
        row[i++] = o.postOnly();
        row[i++] = utc(o.createdAt());
        row[i] = o.traceId();
        return row;
    }

    private void addFills(List<Object[]> fills, ExchangeEvent.TradeExecuted t, String traceId) {
        MarketSpec market = catalog.market(t.symbol()).orElseThrow();
        fills.add(row(OrderRepository.Fill.of(t, false, market, traceId), t.takerUserId()));
        fills.add(row(OrderRepository.Fill.of(t, true, market, traceId), t.makerUserId()));
    }

    private static Object[] row(OrderRepository.Fill f, long userId) {
        return new Object[] {f.orderId(), f.tradeId(), userId, f.symbol(), f.side().name(), f.price(), f.quantity(),
                f.fee(), f.feeAsset(), f.liquidity(), utc(f.executedAt()), f.traceId()};
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
