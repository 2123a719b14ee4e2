package org.bourse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A poison event, through the whole server: a trade whose fill row cannot be written (a row already holds its
 * key) is quarantined while the exchange goes on; health says DEGRADED, an admin sees the command with its trace
 * id, and once the cause is removed the admin's retry writes it, so the read models are whole again.
 */
@BourseHttpTest
@DirtiesContext // leaves its own context degraded on purpose until the retry: no other test shares it
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000",
        "bourse.audit.initial-delay=1h"})
class ProjectorQuarantineTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFillThatCannotBeWrittenIsQuarantinedReportedAndWrittenByAnAdminsRetry() throws Exception {
        Traders traders = new Traders(port);
        HttpApi admin = traders.admin();
        String coin = traders.newMarket();
        Trader seller = traders.newTrader();
        seller.deposit(coin, "1");
        Trader buyer = traders.newTrader();
        String resting = seller.order(limit(coin, "sell", "0.5", "100")).text("id");
        assertThat(seller.api().get("/api/v1/orders/" + resting).status()).isEqualTo(200); // read models caught up
        long nextTrade = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM trades", Long.class) + 1;
        jdbc.update("""
                INSERT INTO fills (order_id, trade_id, user_id, symbol, side, price, quantity, fee, fee_asset, liquidity,
                                   executed_at, trace_id)
                VALUES (?, ?, 0, 'PLANTED', 'SELL', 0, 0, 0, 'USD', 'maker', ?, 'planted')""",
                Long.parseLong(resting), nextTrade, OffsetDateTime.now());

        String traceId = "poison-" + UUID.randomUUID();
        HttpApi.Reply bought = buyer.api().withHeader("X-Request-Id", traceId).post("/api/v1/orders",
                limit(coin, "buy", "0.5", "100"));
        assertThat(bought.status()).as("%s", bought).isEqualTo(201);
        assertThat(bought.text("status")).isEqualTo("executed");

        JsonNode quarantined = awaitQuarantined(admin);
        assertThat(quarantined.path("trace_id").asString()).isEqualTo(traceId);
        assertThat(quarantined.path("command").asString()).startsWith("PlaceOrder");
        assertThat(quarantined.path("error").asString()).contains("DuplicateKey");
        assertThat(HttpApi.onPort(port).get("/actuator/health").json().path("status").asString()).isEqualTo("DEGRADED");
        assertThat(prometheus()).contains("bourse_projector_quarantined 1.0");

        // the exchange goes on: later commands reach the read models
        String later = seller.order(limit(coin, "sell", "0.1", "200")).text("id");
        assertThat(seller.api().get("/api/v1/orders/" + later).json().path("status").asString()).isEqualTo("open");

        String sequence = quarantined.path("sequence").asString();
        assertProblem(buyer.api().post("/api/v1/admin/projector/quarantine/" + sequence + "/retry", Map.of()), 404,
                "NOT_FOUND");
        assertProblem(admin.post("/api/v1/admin/projector/quarantine/" + sequence + "/retry", Map.of()), 409,
                "RETRY_FAILED");

        jdbc.update("DELETE FROM fills WHERE trace_id = 'planted'");
        HttpApi.Reply retried = admin.post("/api/v1/admin/projector/quarantine/" + sequence + "/retry", Map.of());
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.text("status")).isEqualTo("written");

        JsonNode order = buyer.api().get("/api/v1/orders/" + bought.text("id")).json();
        assertThat(order.path("status").asString()).isEqualTo("executed");
        assertThat(order.path("trace_id").asString()).isEqualTo(traceId);
        assertThat(buyer.api().get("/api/v1/orders/" + bought.text("id") + "/fills").json()).hasSize(1);
        assertThat(seller.api().get("/api/v1/orders/" + resting + "/fills").json()).hasSize(1);
        assertThat(admin.get("/api/v1/admin/projector").json().path("quarantined")).isEmpty();
        assertThat(HttpApi.onPort(port).get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
        assertThat(admin.post("/api/v1/admin/reconciliation", Map.of()).json().path("healthy").asBoolean()).isTrue();
        assertProblem(admin.post("/api/v1/admin/projector/quarantine/" + sequence + "/retry", Map.of()), 404,
                "QUARANTINE_NOT_FOUND");
    }

    private static JsonNode awaitQuarantined(HttpApi admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode quarantined = admin.get("/api/v1/admin/projector").json().path("quarantined");
            if (!quarantined.isEmpty()) {
                return quarantined.get(0);
            }
            assertThat(Instant.now()).as("the poison command is quarantined").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private String prometheus() {
        return HttpApi.onPort(port).get("/actuator/prometheus").body();
    }
}
