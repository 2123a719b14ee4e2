package org.bourse.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bourse.messaging.IntegrationEvent;
import org.bourse.messaging.IntegrationEventConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail: the consumer of seed 000's {@code audit.events} queue, keeping every order event
 * ({@code orders.*}) in {@code audit_events}, and the queries of {@code GET /admin/audit}.
 */
@Component
final class AuditTrail implements IntegrationEventConsumer {

    static final String QUEUE = "audit.events";

    /** One recorded order event; decimals as the event carried them. */
    record Entry(long id, String messageId, String eventType, long sequence, Instant occurredAt, String traceId,
                 long orderId, long userId, String type, String cryptoSymbol, String quoteSymbol, String orderKind,
                 String status, String quantity, String price, String totalAmount, String fee, String filledQuantity,
                 String failureReason, Instant timestamp) {
    }

    record Filter(Long orderId, Long userId, Instant from, Instant to, Long after, int limit) {
    }

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.startsWith("orders.");
    }

    /** @throws PermanentEventFailure when an order event lacks what every order event has */
    @Override
    public void accept(IntegrationEvent e) {
        if (e.orderId() == null || e.userId() == null || e.type() == null || e.cryptoSymbol() == null
                || e.quantity() == null || e.occurredAt() == null || e.timestamp() == null) {
            throw new PermanentEventFailure("order event " + e.messageId() + " lacks order_id, user_id, type, "
                    + "crypto_symbol, quantity, occurred_at or timestamp");
        }
        try {
            jdbc.update("""
                    INSERT INTO audit_events (message_id, event_type, sequence, occurred_at, trace_id, order_id, user_id,
                                              type, crypto_symbol, quote_symbol, order_kind, status, quantity, price,
                                              total_amount, fee, filled_quantity, failure_reason, event_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    e.messageId(), e.eventType(), e.sequence(), utc(Instant.parse(e.occurredAt())), e.traceId(),
                    Long.parseLong(e.orderId()), Long.parseLong(e.userId()), e.type(), e.cryptoSymbol(),
                    e.quoteSymbol() == null ? "" : e.quoteSymbol(), e.orderKind(), e.status(), e.quantity(), e.price(),
                    e.totalAmount(), e.fee(), e.filledQuantity(), e.failureReason(), utc(Instant.parse(e.timestamp())));
        } catch (java.time.format.DateTimeParseException | NumberFormatException bad) {
            throw new PermanentEventFailure("order event " + e.messageId() + " is malformed: " + bad.getMessage());
        }
    }

    /** Oldest first, after the cursor's id. */
    List<Entry> find(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.orderId() != null) {
            sql.append(" AND order_id = ?");
            args.add(filter.orderId());
        }
        if (filter.userId() != null) {
            sql.append(" AND user_id = ?");
            args.add(filter.userId());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(utc(filter.to()));
        }
        if (filter.after() != null) {
            sql.append(" AND id > ?");
            args.add(filter.after());
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(filter.limit());
        return jdbc.query(sql.toString(), AuditTrail::entry, args.toArray());
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("message_id"), rs.getString("event_type"), rs.getLong("sequence"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("trace_id"),
                rs.getLong("order_id"), rs.getLong("user_id"), rs.getString("type"), rs.getString("crypto_symbol"),
                rs.getString("quote_symbol"), rs.getString("order_kind"), rs.getString("status"),
                rs.getString("quantity"), rs.getString("price"), rs.getString("total_amount"), rs.getString("fee"),
                rs.getString("filled_quantity"), rs.getString("failure_reason"),
                rs.getObject("event_time", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
