package org.bourse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.market;
import static org.bourse.testsupport.Traders.with;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bourse.exchange.ExchangeProperties;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
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

    /** A market and a trader per server for the tables of refused bodies, which change nothing. */
    private static final Map<Integer, Trader> VALIDATED_BY = new ConcurrentHashMap<>();
    private static final Map<Integer, String> VALIDATED_ON = new ConcurrentHashMap<>();
    /** Tests tagged so share those instead of listing a market and registering traders of their own. */
    static final String CHANGES_NOTHING = "changes-nothing";

    @Autowired
    PendingOrderExpiry pendingOrderExpiry;

    @Autowired
    ExchangeProperties exchange;

    @Autowired
    TestClock clock;

    @BeforeEach
    void traders(TestInfo test) {
        traders = new Traders(port);
        if (test.getTags().contains(CHANGES_NOTHING)) {
            coin = VALIDATED_ON.computeIfAbsent(port, p -> traders.newMarket());
            alice = VALIDATED_BY.computeIfAbsent(port, p -> traders.newTrader());
            return;
        }
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

    /** Order bodies that are refused with 400 VALIDATION_FAILED, each with the one field its error row names. */
    static Stream<Arguments> badOrderBodies() {
        return Stream.of(
                badBody("an unknown type", coin -> with(limit(coin, "buy", "0.01", "100"), "type", "hold"), "type"),
                badBody("a quantity that is not a number", coin -> with(limit(coin, "buy", "0.01", "100"), "quantity",
                        "lots"), "quantity"),
                badBody("a quantity finer than the lot", coin -> with(limit(coin, "buy", "0.01", "100"), "quantity",
                        "0.000000001"), "quantity"),
                badBody("a limit order without a price", coin -> with(limit(coin, "buy", "0.01", "100"), "price",
                        null), "price"),
                badBody("a price finer than the tick", coin -> with(limit(coin, "buy", "0.01", "100"), "price",
                        "100.001"), "price"),
                badBody("an unknown order kind", coin -> with(limit(coin, "buy", "0.01", "100"), "order_kind",
                        "iceberg"), "order_kind"),
                badBody("execute that is not a boolean", coin -> with(limit(coin, "buy", "0.01", "100"), "execute",
                        "yes"), "execute"),
                badBody("no crypto_symbol", coin -> with(limit(coin, "buy", "0.01", "100"), "crypto_symbol", null),
                        "crypto_symbol"),
                badBody("a market order good till cancelled", coin -> with(market(coin, "buy", "0.01"),
                        "time_in_force", "gtc"), "order_kind"),
                badBody("JSON cut short", coin -> "{\"type\": \"buy\", ", "body"));
    }

    private static Arguments badBody(String name, Function<String, Object> body, String field) {
        return Arguments.argumentSet(name, body, field);
    }

    @ParameterizedTest
    @MethodSource("badOrderBodies")
    @Tag(CHANGES_NOTHING)
    void aBadFieldIs400NamingThatField(Function<String, Object> body, String field) {
        Map<String, String> errors = assertValidationFailed(alice.api().post("/api/v1/orders", body.apply(coin)));

        assertThat(errors).containsOnlyKeys(field);
    }

    @Test
    @Tag(CHANGES_NOTHING)
    void anOrderOnAMarketThatIsNotListedIs404() {
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
        assertThat(ledger).as("the buyer's two trade lines: USD paid, %s received", coin)
                .extracting(l -> l.path("asset").asString()).containsExactlyInAnyOrder("USD", coin);
        assertThat(ledger).allSatisfy(l -> assertThat(l.path("trace_id").asString()).isEqualTo("trace-abc-123"));
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
    void anAdminHaltsAMarketItRefusesOrdersWhileHaltedAndTradesAgainOnceResumed() {
        HttpApi admin = traders.admin();
        String symbol = coin + "-USD";
        String resting = bob.order(limit(coin, "sell", "0.1", "5000")).text("id");

        HttpApi.Reply halted = admin.patch("/api/v1/admin/markets/" + symbol.toLowerCase(Locale.ROOT),
                Map.of("status", "halted"));

        assertThat(halted.status()).as("%s", halted).isEqualTo(200);
        assertThat(halted.text("symbol")).isEqualTo(symbol);
        assertThat(halted.text("status")).isEqualTo("halted");
        assertThat(listed(symbol).path("status").asString()).isEqualTo("halted");
        HttpApi.Reply refused = alice.order(limit(coin, "buy", "0.1", "5000"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(201);
        assertThat(refused.text("status")).isEqualTo("failed");
        assertThat(refused.text("failure_reason")).isEqualTo("MARKET_HALTED");
        assertThat(refused.text("filled_quantity")).isEqualTo("0.00000000");
        assertThat(alice.held("USD")).isZero();
        assertThat(alice.available("USD")).isEqualByComparingTo("100000");
        assertThat(bob.api().get("/api/v1/orders/" + resting).text("status")).as("the order resting before").isEqualTo("open");

        HttpApi.Reply resumed = admin.patch("/api/v1/admin/markets/" + symbol, Map.of("status", "trading"));

        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("trading");
        assertThat(listed(symbol).path("status").asString()).isEqualTo("trading");
        HttpApi.Reply traded = alice.order(limit(coin, "buy", "0.1", "5000"));
        assertThat(traded.text("status")).as("%s", traded).isEqualTo("executed");
        assertThat(bob.api().get("/api/v1/orders/" + resting).text("status")).isEqualTo("executed");
    }

    @Test
    @Tag(CHANGES_NOTHING)
    void haltingNeedsAnAdminAKnownMarketAndAKnownStatus() {
        String symbol = coin + "-USD";
        HttpApi admin = traders.admin();

        assertProblem(alice.api().patch("/api/v1/admin/markets/" + symbol, Map.of("status", "halted")), 404, "NOT_FOUND");
        assertProblem(admin.patch("/api/v1/admin/markets/NOPE-USD", Map.of("status", "halted")), 404, "MARKET_NOT_FOUND");
        assertThat(assertValidationFailed(admin.patch("/api/v1/admin/markets/" + symbol, Map.of("status", "paused"))))
                .containsOnlyKeys("status");
        assertThat(listed(symbol).path("status").asString()).isEqualTo("trading");
    }

    /** API.md's start-up facts: these five markets with these rules, whatever else has been listed since. */
    @Test
    @Tag(CHANGES_NOTHING)
    void theMarketsListTheStartUpMarketsAndEveryListedOneWithTheirRules() {
        HttpApi.Reply markets = HttpApi.onPort(port).get("/api/v1/markets");

        assertThat(markets.status()).isEqualTo(200);
        assertThat(markets.json().findValuesAsString("symbol")).as("without a token too")
                .contains("BTC-USD", "ETH-USD", "SOL-USD", "ETH-BTC", "VIB-BRL", coin + "-USD").doesNotHaveDuplicates();
        assertThat(markets.json()).allSatisfy(m -> assertThat(m.propertyNames()).containsExactlyInAnyOrder("symbol",
                "base_asset", "quote_asset", "tick_size", "lot_size", "min_quantity", "min_notional", "maker_fee",
                "taker_fee", "status"));
        assertMarket("BTC-USD", "BTC", "USD", "0.01", "0.00001000", "0.00001000", "1.00");
        assertMarket("ETH-USD", "ETH", "USD", "0.01", "0.00010000", "0.00010000", "1.00");
        assertMarket("SOL-USD", "SOL", "USD", "0.01", "0.00100000", "0.00100000", "1.00");
        assertMarket("ETH-BTC", "ETH", "BTC", "0.00001000", "0.00010000", "0.00010000", "0.00010000");
        assertMarket("VIB-BRL", "VIB", "BRL", "0.01", "0.01000000", "0.01000000", "1.00");
        assertMarket(coin + "-USD", coin, "USD", "0.01", "0.00001000", "0.00001000", "0.00");
    }

    private void assertMarket(String symbol, String base, String quote, String tick, String lot, String minQuantity,
                              String minNotional) {
        JsonNode market = listed(symbol);
        assertThat(market.path("base_asset").asString()).as(symbol).isEqualTo(base);
        assertThat(market.path("quote_asset").asString()).as(symbol).isEqualTo(quote);
        assertThat(market.path("tick_size").asString()).as("%s tick_size", symbol).isEqualTo(tick);
        assertThat(market.path("lot_size").asString()).as("%s lot_size", symbol).isEqualTo(lot);
        assertThat(market.path("min_quantity").asString()).as("%s min_quantity", symbol).isEqualTo(minQuantity);
        assertThat(market.path("min_notional").asString()).as("%s min_notional", symbol).isEqualTo(minNotional);
        assertThat(market.path("maker_fee").asString()).as("%s maker_fee", symbol).isEqualTo("0.001");
        assertThat(market.path("taker_fee").asString()).as("%s taker_fee", symbol).isEqualTo("0.001");
        assertThat(market.path("status").asString()).as("%s status", symbol).isEqualTo("trading");
    }

    private JsonNode listed(String symbol) {
        for (JsonNode market : HttpApi.onPort(port).get("/api/v1/markets").json()) {
            if (market.path("symbol").asString().equals(symbol)) {
                return market;
            }
        }
        throw new AssertionError(symbol + " is not in GET /markets");
    }

    /**
     * {@code bourse.exchange.pending-order-ttl} after its creation, a pending order nobody executed is
     * cancelled as expired; a younger one stays. The server's clock is the test's: it moves, and the expiry
     * runs when the test calls it (its schedule may run it too, with the same outcome).
     */
    @Test
    void aPendingOrderNeverExecutedIsCancelledAsExpiredOnceOlderThanTheTtl() {
        Duration ttl = exchange.pendingOrderTtl();
        String older = alice.order(with(limit(coin, "buy", "0.01", "1000"), "execute", false)).text("id");
        clock.advance(ttl.minusMinutes(1));
        alice = traders.loggedInAgain(alice);
        String younger = alice.order(with(limit(coin, "buy", "0.01", "1000"), "execute", false)).text("id");

        pendingOrderExpiry.expire();

        assertThat(alice.api().get("/api/v1/orders/" + older).text("status")).as("a minute before its time")
                .isEqualTo("pending");

        clock.advance(Duration.ofMinutes(2));
        pendingOrderExpiry.expire();

        HttpApi.Reply expired = alice.api().get("/api/v1/orders/" + older);
        assertThat(expired.text("status")).as("%s", expired).isEqualTo("cancelled");
        assertThat(expired.text("failure_reason")).isEqualTo("EXPIRED");
        assertThat(expired.text("filled_quantity")).isEqualTo("0.00000000");
        assertThat(alice.api().get("/api/v1/orders/" + younger).text("status")).as("two minutes old").isEqualTo("pending");
        assertProblem(alice.api().post("/api/v1/orders/" + older + "/execute", ""), 409, "ORDER_NOT_PENDING");
        assertThat(alice.held("USD")).isZero();
        assertThat(alice.available("USD")).isEqualByComparingTo("100000");
    }

    @Test
    void ordersNeedAToken() {
        assertProblem(HttpApi.onPort(port).post("/api/v1/orders", limit(coin, "buy", "0.01", "100")), 401, "UNAUTHORIZED");
        assertProblem(HttpApi.onPort(port).get("/api/v1/balances"), 401, "UNAUTHORIZED");
    }
}
