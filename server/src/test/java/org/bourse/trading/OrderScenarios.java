package org.bourse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.market;
import static org.bourse.testsupport.Traders.with;

import java.math.BigDecimal;
import java.util.Map;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * API.md's Orders section through real HTTP: every call, status and error code. Each test trades on a
 * market of its own price range so that tests sharing a server never match each other's orders.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class OrderScenarios {

    @LocalServerPort
    int port;

    Traders traders;
    /** This test's own market, {@code coin-USD}. */
    String coin;
    Trader alice;
    Trader bob;

    @BeforeEach
    void traders() {
        traders = new Traders(port);
        coin = traders.newMarket();
        alice = traders.newTrader();
        bob = traders.newTrader();
        bob.deposit(coin, "2");
    }

    @Test
    void theTwoStepFlowCreatesPendingThenExecutesWithExactBalancesAndFees() {
        String price = "50000";
        HttpApi.Reply sell = bob.order(limit(coin, "sell", "0.5", price));
        assertThat(sell.status()).as("%s", sell).isEqualTo(201);
        assertThat(sell.text("status")).isEqualTo("open");

        HttpApi.Reply created = alice.order(with(market(coin, "buy", "0.2"), "execute", false));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("pending");
        assertThat(created.text("price")).isEqualTo(new BigDecimal(price).setScale(2).toPlainString());
        BigDecimal total = new BigDecimal(price).multiply(new BigDecimal("0.2")).setScale(2, java.math.RoundingMode.UP);
        assertThat(new BigDecimal(created.text("total_amount"))).isEqualByComparingTo(total);
        BigDecimal fee = total.multiply(new BigDecimal("0.001")).setScale(2, java.math.RoundingMode.UP);
        assertThat(new BigDecimal(created.text("fee"))).isEqualByComparingTo(fee);
        assertThat(alice.held("USD")).isZero();

        HttpApi.Reply executed = alice.api().post("/api/v1/orders/" + created.text("id") + "/execute", "");

        assertThat(executed.status()).as("%s", executed).isEqualTo(200);
        assertThat(executed.text("status")).isEqualTo("executed");
        assertThat(executed.text("filled_quantity")).isEqualTo("0.20000000");
        assertThat(alice.available("USD")).isEqualByComparingTo(new BigDecimal("100000").subtract(total).subtract(fee));
        assertThat(alice.available(coin)).isEqualByComparingTo("0.2");
        assertThat(bob.available("USD")).isEqualByComparingTo(new BigDecimal("100000").add(total).subtract(fee));
        assertThat(bob.held(coin)).isEqualByComparingTo("0.3");
        assertProblem(alice.api().post("/api/v1/orders/" + created.text("id") + "/execute", ""), 409, "ORDER_NOT_PENDING");
    }

    @Test
    void aPartiallyFilledOrderRestsWithItsRemainder() {
        String price = "40000";
        bob.order(limit(coin, "sell", "0.1", price));

        HttpApi.Reply buy = alice.order(limit(coin, "buy", "0.3", price));

        assertThat(buy.status()).isEqualTo(201);
        assertThat(buy.text("status")).isEqualTo("partially_filled");
        assertThat(buy.text("filled_quantity")).isEqualTo("0.10000000");
        assertThat(buy.text("remaining_quantity")).isEqualTo("0.20000000");
        HttpApi.Reply fills = alice.api().get("/api/v1/orders/" + buy.text("id") + "/fills");
        assertThat(fills.status()).isEqualTo(200);
        assertThat(fills.json()).singleElement().satisfies(f -> {
            assertThat(f.path("quantity").asString()).isEqualTo("0.10000000");
            assertThat(f.path("liquidity").asString()).isEqualTo("taker");
            assertThat(f.path("fee_asset").asString()).isEqualTo("USD");
        });
    }

    @Test
    void cancelReleasesExactlyTheRemainingHold() {
        String price = "30000";
        bob.order(limit(coin, "sell", "0.1", price));
        HttpApi.Reply buy = alice.order(limit(coin, "buy", "0.4", price));
        BigDecimal heldBefore = alice.held("USD");
        assertThat(heldBefore).isPositive();
        BigDecimal availableBefore = alice.available("USD");

        HttpApi.Reply cancelled = alice.api().post("/api/v1/orders/" + buy.text("id") + "/cancel", "");

        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        assertThat(cancelled.text("filled_quantity")).isEqualTo("0.10000000");
        assertThat(alice.held("USD")).isZero();
        assertThat(alice.available("USD")).isEqualByComparingTo(availableBefore.add(heldBefore));
        assertProblem(alice.api().delete("/api/v1/orders/" + buy.text("id")), 409, "ORDER_NOT_CANCELLABLE");
    }

    @Test
    void anotherUsersOrderIsNotFoundOnEveryVerb() {
        HttpApi.Reply order = alice.order(with(limit(coin, "buy", "0.01", "1000"), "execute", false));
        String id = order.text("id");

        assertProblem(bob.api().get("/api/v1/orders/" + id), 404, "ORDER_NOT_FOUND");
        assertProblem(bob.api().post("/api/v1/orders/" + id + "/execute", ""), 404, "ORDER_NOT_FOUND");
        assertProblem(bob.api().post("/api/v1/orders/" + id + "/cancel", ""), 404, "ORDER_NOT_FOUND");
        assertProblem(bob.api().delete("/api/v1/orders/" + id), 404, "ORDER_NOT_FOUND");
        assertProblem(bob.api().get("/api/v1/orders/" + id + "/fills"), 404, "ORDER_NOT_FOUND");
        assertThat(bob.api().get("/api/v1/orders").json().path("items")).isEmpty();
        assertThat(alice.api().get("/api/v1/orders/" + id).text("status")).isEqualTo("pending");
    }

    @Test
    void resendingAClientOrderIdAnswersTheFirstOrder() {
        Map<String, Object> body = with(limit(coin, "buy", "0.01", "2000"), "client_order_id", "mine-1");
        HttpApi.Reply first = alice.order(body);
        HttpApi.Reply again = alice.order(body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("client_order_id")).isEqualTo("mine-1");
    }

    @Test
    void anOrderThatCannotBePaidForIs422AndCreatesNothing() {
        HttpApi.Reply reply = alice.order(limit(coin, "buy", "10", "60000"));

        assertProblem(reply, 422, "INSUFFICIENT_FUNDS");
        assertThat(alice.api().get("/api/v1/orders").json().path("items")).isEmpty();
    }

    @Test
    void badFieldsAre400NamingTheField() {
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "type", "hold"))))
                .containsKey("type");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "quantity", "lots"))))
                .containsKey("quantity");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "quantity", "0.000000001"))))
                .containsKey("quantity");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "price", null))))
                .containsKey("price");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "price", "100.001"))))
                .containsKey("price");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "order_kind", "iceberg"))))
                .containsKey("order_kind");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "execute", "yes"))))
                .containsKey("execute");
        assertThat(assertValidationFailed(alice.order(with(limit(coin, "buy", "0.01", "100"), "crypto_symbol", null))))
                .containsKey("crypto_symbol");
        assertThat(assertValidationFailed(alice.order(with(market(coin, "buy", "0.01"), "time_in_force", "gtc"))))
                .isNotEmpty();
        assertValidationFailed(alice.api().post("/api/v1/orders", "{\"type\": \"buy\", "));
        assertProblem(alice.order(with(limit(coin, "buy", "0.01", "100"), "crypto_symbol", "NOPE")), 404, "MARKET_NOT_FOUND");
    }

    @Test
    void anOrderIsReadBackAtOnceAndListedNewestFirstWithPaging() {
        String first = alice.order(with(limit(coin, "buy", "0.01", "3000"), "execute", false)).text("id");
        String second = alice.order(with(limit(coin, "buy", "0.01", "3000"), "execute", false)).text("id");
        String third = alice.order(with(limit(coin, "buy", "0.01", "3000"), "execute", false)).text("id");

        assertThat(alice.api().get("/api/v1/orders/" + third).text("status")).isEqualTo("pending");
        HttpApi.Reply page = alice.api().get("/api/v1/orders?limit=2&symbol=" + coin + "-USD");
        assertThat(page.json().path("items").findValuesAsString("id")).containsExactly(third, second);
        String cursor = page.json().path("next_cursor").asString();
        HttpApi.Reply next = alice.api().get("/api/v1/orders?limit=2&symbol=" + coin + "-USD&cursor=" + cursor);
        assertThat(next.json().path("items").findValuesAsString("id")).containsExactly(first);
        assertThat(next.json().path("next_cursor").isNull()).isTrue();
        assertThat(alice.api().get("/api/v1/orders?status=pending").json().path("items")).hasSize(3);
        assertValidationFailed(alice.api().get("/api/v1/orders?status=sleeping"));
        assertValidationFailed(alice.api().get("/api/v1/orders?limit=0"));
        assertValidationFailed(alice.api().get("/api/v1/orders?cursor=nonsense"));
    }

    @Test
    void theRequestIdIsTheTraceIdOfTheOrderItsFillsAndItsLedgerLines() {
        String price = "20000";
        bob.order(limit(coin, "sell", "0.05", price));
        HttpApi.Reply buy = alice.api().withHeader("X-Request-Id", "trace-abc-123").post("/api/v1/orders",
                limit(coin, "buy", "0.05", price));

        assertThat(buy.text("trace_id")).isEqualTo("trace-abc-123");
        JsonNode fill = alice.api().get("/api/v1/orders/" + buy.text("id") + "/fills").json().get(0);
        assertThat(fill.path("trace_id").asString()).isEqualTo("trace-abc-123");
        JsonNode ledger = alice.api().get("/api/v1/ledger?type=trade").json().path("items");
        assertThat(ledger).isNotEmpty().allSatisfy(l -> assertThat(l.path("trace_id").asString()).isEqualTo("trace-abc-123"));
    }

    @Test
    void stopOrdersWaitForTheirTriggerAndThenTrade() {
        HttpApi.Reply stop = alice.order(with(with(limit(coin, "buy", "0.01", "11000"), "order_kind", "stop_limit"),
                "stop_price", "10500"));
        assertThat(stop.status()).as("%s", stop).isEqualTo(201);
        assertThat(stop.text("status")).isEqualTo("open");
        assertThat(stop.text("stop_price")).isEqualTo("10500.00");
        assertThat(alice.held("USD")).isPositive();

        assertThat(alice.api().post("/api/v1/orders/" + stop.text("id") + "/cancel", "").text("status"))
                .isEqualTo("cancelled");
        assertThat(alice.held("USD")).isZero();
    }

    @Test
    void ordersNeedAToken() {
        assertProblem(HttpApi.onPort(port).post("/api/v1/orders", limit(coin, "buy", "0.01", "100")), 401, "UNAUTHORIZED");
        assertProblem(HttpApi.onPort(port).get("/api/v1/balances"), 401, "UNAUTHORIZED");
    }
}
