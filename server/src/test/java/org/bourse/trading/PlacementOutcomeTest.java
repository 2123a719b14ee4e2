package org.bourse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.market;
import static org.bourse.testsupport.Traders.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.testsupport.EngineStall;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * What a client is told when the exchange cannot answer a placement in time, and that following it never
 * places an order twice; and the ordinary 503 of an overloaded engine.
 */
@TightExchange
class PlacementOutcomeTest {

    @LocalServerPort
    int port;

    @Autowired
    ExchangeGateway exchange;

    private static Map<String, Object> pending(String coin) {
        return with(limit(coin, "buy", "0.01", "100"), "execute", false);
    }

    @Test
    void aPlacementNotConfirmedInTimeIsReportedUnknownAndItsRetryPlacesItOnce() throws Exception {
        Trader trader = new Traders(port).newTrader();
        HttpApi keyed = trader.api().withHeader("Idempotency-Key", "retry-me-1");
        HttpApi.Reply unknown;
        HttpApi.Reply unkeyed;
        try (EngineStall stall = new EngineStall(exchange)) {
            unknown = keyed.post("/api/v1/orders", pending("BTC"));
            unkeyed = trader.order(pending("ETH"));
        }

        assertProblem(unknown, 503, "ORDER_OUTCOME_UNKNOWN");
        assertThat(unknown.text("client_order_id")).isEqualTo("retry-me-1");
        assertProblem(unkeyed, 503, "ORDER_OUTCOME_UNKNOWN");
        assertThat(unkeyed.json().has("client_order_id")).isFalse();
        assertThat(unkeyed.text("detail")).contains("GET /api/v1/orders");

        HttpApi.Reply retried = keyed.post("/api/v1/orders", pending("BTC"));

        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.text("client_order_id")).isEqualTo("retry-me-1");
        JsonNode orders = trader.api().get("/api/v1/orders?symbol=BTC-USD").json().path("items");
        assertThat(orders.findValuesAsString("client_order_id")).containsExactly("retry-me-1");
    }

    @Test
    void theSameIdempotencyKeyForAnotherOrderIsRefused() {
        Trader trader = new Traders(port).newTrader();
        HttpApi keyed = trader.api().withHeader("Idempotency-Key", "\"one-key\"");
        assertThat(keyed.post("/api/v1/orders", pending("BTC")).status()).isEqualTo(201);

        assertProblem(keyed.post("/api/v1/orders", with(pending("BTC"), "quantity", "0.02")), 422,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(keyed.post("/api/v1/orders", pending("BTC")).status()).as("the same order again").isEqualTo(200);
    }

    @Test
    void anOverloadedEngineAnswersServiceUnavailableWithRetryAfterAtOnce() throws Exception {
        Trader trader = new Traders(port).newTrader();
        List<HttpApi.Reply> replies = new ArrayList<>();
        try (EngineStall stall = new EngineStall(exchange);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpApi.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // more than the queues hold: 8 waiting, 8 journaled, 1 in hand
                sent.add(clients.submit(() -> trader.order(with(market("BTC", "buy", "0.001"), "time_in_force", "ioc"))));
            }
            for (Future<HttpApi.Reply> reply : sent) {
                replies.add(reply.get());
            }
        }

        List<HttpApi.Reply> overloaded = replies.stream()
                .filter(reply -> "SERVICE_UNAVAILABLE".equals(reply.text("code"))).toList();
        assertThat(overloaded).as("answers: %s", replies).isNotEmpty();
        for (HttpApi.Reply reply : overloaded) {
            assertProblem(reply, 503, "SERVICE_UNAVAILABLE");
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
        assertThat(replies).as("the others were queued: their outcome is unknown")
                .allSatisfy(reply -> assertThat(reply.text("code")).isIn("SERVICE_UNAVAILABLE", "ORDER_OUTCOME_UNKNOWN"));
    }
}
