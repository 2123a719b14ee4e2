package org.bourse.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.OrderSnapshot;
import org.bourse.exchange.Projection;
import org.bourse.trading.OrderRendering;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code order_search}: each order's latest state, its filter and sort columns read from the very body
 * the API shows, so the index never disagrees with {@code GET /orders/{id}}. Idempotent by sequence: a batch
 * written twice (a replay, a retried transaction) changes nothing the second time.
 *
 * <p>Once the projector's transaction has committed, the cached searches of every user whose orders changed
 * are invalidated. After the commit and not before: a search that read the old generation may have read the
 * old rows, and a search that reads the new one must find the new rows, so the generation moves only once
 * they are visible. The projector announces its new position after this, so a reader that waited for the read
 * models to reach its own last command ({@code ExchangeGateway.awaitReadModels}) finds the cache invalidated.
 */
@Component
final class OrderSearchProjection implements Projection {

    private static final String UPDATE = """
            UPDATE order_search SET status = ?, price = ?, quantity = ?, total_amount = ?, executed_at = ?,
                   sequence = ?, body = ?
            WHERE id = ? AND sequence <= ?""";
    private static final String INSERT = """
            INSERT INTO order_search (status, price, quantity, total_amount, executed_at, sequence, body, id,
                                      id_text, user_id, client_order_id, trace_id, symbol, side, order_kind, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_IF_ABSENT = """
            INSERT INTO order_search (status, price, quantity, total_amount, executed_at, sequence, body, id,
                                      id_text, user_id, client_order_id, trace_id, symbol, side, order_kind, created_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM order_search WHERE id = ?)""";
    static final BigDecimal NO_PRICE = BigDecimal.ONE.negate();
    static final long NOT_EXECUTED = -1;

    private final MarketCatalog catalog;
    private final JsonMapper json;
    private final SearchCache cache;
    private final SearchMetrics metrics;
    /** The highest order id in the table; -1 until read. Only the projector's writes touch it. */
    private long highestWritten = -1;

    OrderSearchProjection(MarketCatalog catalog, JsonMapper json, SearchCache cache, SearchMetrics metrics) {
        this.catalog = catalog;
        this.json = json;
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        Map<Long, OrderSnapshot> latest = new LinkedHashMap<>();
        for (CommandEvents command : batch) {
            for (ExchangeEvent event : command.events()) {
                if (event instanceof ExchangeEvent.OrderChanged changed) {
                    latest.put(changed.order().id(), changed.order());
                }
            }
        }
        Set<Long> users = new HashSet<>();
        if (!latest.isEmpty()) {
            List<Row> rows = new ArrayList<>(latest.size());
            for (OrderSnapshot order : latest.values()) {
                rows.add(row(order));
                users.add(order.userId());
            }
            upsert(jdbc, rows);
        }
        long sequence = batch.getLast().sequence();
        long timestamp = batch.getLast().timestamp();
        afterCommit(() -> {
            if (!users.isEmpty()) {
                cache.invalidate(users);
            }
            metrics.indexed(sequence, timestamp);
        });
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** One order as indexed: the columns searched and sorted on, and the body shown. */
    record Row(long id, long userId, String clientOrderId, String traceId, String symbol, String side, String kind,
               String status, BigDecimal price, BigDecimal quantity, BigDecimal totalAmount, long createdAt,
               long executedAt, long sequence, String body) {
    }

    private Row row(OrderSnapshot order) {
        MarketSpec market = catalog.market(order.symbol()).orElseThrow();
        JsonNode body = json.valueToTree(OrderRendering.order(order, market));
        String price = body.path("price").asString(null);
        String executedAt = body.path("executed_at").asString(null);
        return new Row(order.id(), order.userId(), order.clientOrderId(), order.traceId(), order.symbol(),
                body.path("type").asString(), body.path("order_kind").asString(), body.path("status").asString(),
                price == null ? NO_PRICE : new BigDecimal(price), new BigDecimal(body.path("quantity").asString()),
                new BigDecimal(body.path("total_amount").asString()), order.createdAt(),
                executedAt == null ? NOT_EXECUTED : Instant.parse(executedAt).toEpochMilli(), order.sequence(),
                json.writeValueAsString(body));
    }

    /** Order ids only grow: one above the highest written is new and inserted at once, the others updated. */
    private void upsert(JdbcTemplate jdbc, List<Row> rows) {
        if (highestWritten < 0) {
            highestWritten = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM order_search", Long.class);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Row> known = new ArrayList<>();
        long highest = highestWritten;
        for (Row row : rows) {
            if (row.id() > highestWritten) {
                inserts.add(creating(row));
                highest = Math.max(highest, row.id());
            } else {
                known.add(row);
            }
        }
        if (!known.isEmpty()) {
            int[] counts = jdbc.batchUpdate(UPDATE, known.stream().map(OrderSearchProjection::changing).toList());
            List<Object[]> absent = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Object[] creating = creating(known.get(i));
                    Object[] guarded = Arrays.copyOf(creating, creating.length + 1);
                    guarded[creating.length] = known.get(i).id();
                    absent.add(guarded);
                }
            }
            if (!absent.isEmpty()) {
                jdbc.batchUpdate(INSERT_IF_ABSENT, absent);
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts);
        }
        highestWritten = highest;
    }

    private static Object[] changing(Row r) {
        return new Object[] {r.status(), r.price(), r.quantity(), r.totalAmount(), r.executedAt(), r.sequence(),
                r.body(), r.id(), r.sequence()};
    }

    private static Object[] creating(Row r) {
        return new Object[] {r.status(), r.price(), r.quantity(), r.totalAmount(), r.executedAt(), r.sequence(),
                r.body(), r.id(), Long.toString(r.id()), r.userId(), r.clientOrderId(), r.traceId(), r.symbol(),
                r.side(), r.kind(), r.createdAt()};
    }
}
