package org.bourse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.with;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The audit trail (seed 000's Audit API) through the whole server: orders placed over HTTP reach
 * {@code GET /admin/audit} through the integration events (outbox, consumer), each with its trace id, in order,
 * once, whatever is redelivered.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.events.prune-interval=1h"})
abstract class AuditTrailScenarios {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Traders traders;
    HttpApi admin;
    String coin;

    @BeforeEach
    void market() {
        traders = new Traders(port);
        admin = traders.admin();
        coin = traders.newMarket();
    }

    @Test
    void aTradeShowsAsCreatedThenExecutedForBothOrdersWithTheirTraceIdsAndSeedFields() {
        Trader seller = traders.newTrader();
        seller.deposit(coin, "1");
        Trader buyer = traders.newTrader();
        String sellTrace = "audit-sell-" + UUID.randomUUID();
        String buyTrace = "audit-buy-" + UUID.randomUUID();
        String sell = seller.api().withHeader("X-Request-Id", sellTrace).post("/api/v1/orders",
                limit(coin, "sell", "0.5", "100")).text("id");
        HttpApi.Reply bought = buyer.api().withHeader("X-Request-Id", buyTrace).post("/api/v1/orders",
                limit(coin, "buy", "0.5", "100"));
        assertThat(bought.text("status")).isEqualTo("executed");
        String buy = bought.text("id");

        List<JsonNode> buyEvents = awaitTrail("order_id=" + buy, 2);
        assertThat(buyEvents).extracting(e -> e.path("event_type").asString())
                .containsExactly("orders.created", "orders.executed");
        JsonNode executed = buyEvents.get(1);
        assertThat(executed.path("trace_id").asString()).isEqualTo(buyTrace);
        assertThat(executed.path("order_id").asString()).isEqualTo(buy);
        assertThat(executed.path("user_id").asString()).isEqualTo(Long.toString(buyer.id()));
        assertThat(executed.path("type").asString()).isEqualTo("buy");
        assertThat(executed.path("crypto_symbol").asString()).isEqualTo(coin);
        assertThat(executed.path("quote_symbol").asString()).isEqualTo("USD");
        assertThat(executed.path("quantity").asString()).isEqualTo("0.50000000");
        assertThat(executed.path("price").asString()).isEqualTo("100.00");
        assertThat(executed.path("total_amount").asString()).isEqualTo("50.00");
        assertThat(executed.path("fee").asString()).isEqualTo("0.05");
        assertThat(executed.path("status").asString()).isEqualTo("executed");
        assertThat(executed.path("message_id").asString()).isEqualTo(executed.path("sequence").asLong() + "-"
                + executed.path("message_id").asString().substring(executed.path("message_id").asString().indexOf('-') + 1));
        assertThat(Instant.parse(executed.path("occurred_at").asString())).isNotNull();
        assertThat(Instant.parse(executed.path("timestamp").asString())).isNotNull();

        List<JsonNode> sellEvents = awaitTrail("order_id=" + sell, 2);
        assertThat(sellEvents).extracting(e -> e.path("event_type").asString())
                .containsExactly("orders.created", "orders.executed");
        assertThat(sellEvents.get(0).path("trace_id").asString()).isEqualTo(sellTrace);
        // the maker's execution happened in the buyer's command, so it carries the buyer's trace id
        assertThat(sellEvents.get(1).path("trace_id").asString()).isEqualTo(buyTrace);
        assertThat(sellEvents.get(1).path("sequence").asLong()).isEqualTo(executed.path("sequence").asLong());
        assertThat(sellEvents.get(0).path("sequence").asLong()).isLessThan(executed.path("sequence").asLong());
    }

    @Test
    void aPendingOrderCancelledShowsAsCreatedThenCancelled() {
        Trader trader = traders.newTrader();
        String pending = trader.order(with(limit(coin, "buy", "0.1", "50"), "execute", false)).text("id");
        assertThat(trader.api().post("/api/v1/orders/" + pending + "/cancel", java.util.Map.of()).status())
                .isEqualTo(200);
        List<JsonNode> events = awaitTrail("order_id=" + pending, 2);
        assertThat(events).extracting(e -> e.path("event_type").asString())
                .containsExactly("orders.created", "orders.cancelled");
        assertThat(events.get(0).path("status").asString()).isEqualTo("pending");
        assertThat(events.get(0).path("price").asString()).isEqualTo("50.00");
        assertThat(events.get(0).path("total_amount").asString()).isEqualTo("5.00");
    }

    @Test
    void filtersByUserAndTimeAndPagesInOrderWithACursor() {
        Trader trader = traders.newTrader();
        for (int i = 0; i < 3; i++) {
            assertThat(trader.order(limit(coin, "buy", "0.1", Integer.toString(10 + i))).status()).isEqualTo(201);
        }
        List<JsonNode> all = awaitTrail("user_id=" + trader.id(), 3);
        assertThat(all).allSatisfy(e -> assertThat(e.path("user_id").asString()).isEqualTo(Long.toString(trader.id())));
        assertThat(all).extracting(e -> e.path("price").asString()).containsExactly("10.00", "11.00", "12.00");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/admin/audit?user_id=" + trader.id() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(e -> paged.add(e.path("id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(all.stream().map(e -> e.path("id").asString()).toList());

        String first = all.getFirst().path("occurred_at").asString();
        assertThat(admin.get("/api/v1/admin/audit?user_id=" + trader.id() + "&to=" + first).json().path("items"))
                .isEmpty();
        assertThat(admin.get("/api/v1/admin/audit?user_id=" + trader.id() + "&from=" + first).json().path("items"))
                .hasSize(3);
    }

    @Test
    void onlyAdminsReadTheTrailAndBadParametersAreNamed() {
        Trader trader = traders.newTrader();
        assertProblem(trader.api().get("/api/v1/admin/audit"), 404, "NOT_FOUND");
        assertProblem(HttpApi.onPort(port).get("/api/v1/admin/audit"), 401, "UNAUTHORIZED");
        assertProblem(admin.get("/api/v1/admin/audit?order_id=abc"), 400, "VALIDATION_FAILED");
        assertProblem(admin.get("/api/v1/admin/audit?cursor=nonsense"), 400, "VALIDATION_FAILED");
        assertProblem(admin.get("/api/v1/admin/audit?limit=0"), 400, "VALIDATION_FAILED");
        assertProblem(admin.get("/api/v1/admin/audit?from=yesterday"), 400, "VALIDATION_FAILED");

        JsonNode documented = HttpApi.onPort(port).get("/v3/api-docs").json().path("paths").path("/api/v1/admin/audit");
        assertThat(documented.path("get").path("parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrder("order_id", "user_id", "from", "to", "limit", "cursor");
    }

    /**
     * At-least-once delivery: every reader of the outbox (the in-process consumer, or the RabbitMQ publisher) set
     * back to the start delivers everything again, and the trail records nothing twice.
     */
    @Test
    void everyEventDeliveredAgainIsRecordedOnce() {
        Trader trader = traders.newTrader();
        String order = trader.order(limit(coin, "buy", "0.1", "20")).text("id");
        awaitTrail("order_id=" + order, 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_outbox WHERE event_type = 'orders.created'"
                + " AND payload LIKE ?", Long.class, "%\"order_id\":\"" + order + "\"%"))
                .as("the order's event is still in the outbox to be delivered again").isEqualTo(1);
        long head = jdbc.queryForObject("SELECT MAX(id) FROM event_outbox", Long.class);
        jdbc.update("UPDATE event_positions SET position = 0, sequence = 0");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("SELECT MIN(position) FROM event_positions", Long.class) < head) {
            if (System.nanoTime() > deadline) {
                fail("the outbox was not delivered again");
            }
            sleep();
        }
        // delivered in order: once a later order is in the trail, everything delivered again before it is too
        String marker = trader.order(limit(coin, "buy", "0.1", "21")).text("id");
        awaitTrail("order_id=" + marker, 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT message_id) FROM audit_events", Long.class))
                .isZero();
        assertThat(awaitTrail("order_id=" + order, 1)).hasSize(1);
    }

    List<JsonNode> awaitTrail(String query, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpApi.Reply reply = admin.get("/api/v1/admin/audit?" + query);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            reply.json().path("items").forEach(items::add);
            if (items.size() >= count) {
                return items;
            }
            if (System.nanoTime() > deadline) {
                fail("the audit trail has " + items + " for " + query + ", expected " + count + " events");
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
