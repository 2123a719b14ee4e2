package org.bourse.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** API.md's Portfolio section through real HTTP: trades made through the API, then the portfolio read back. */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class PortfolioScenarios {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    SnapshotRound snapshots;

    Traders traders;
    String coin;
    Trader alice;
    Trader bob;
    Trader carol;

    @BeforeEach
    void market() {
        traders = new Traders(port);
        coin = traders.newMarket();
        alice = traders.newTrader();
        bob = traders.newTrader();
        carol = traders.newTrader();
    }

    /** alice buys 2 at 100 from bob, then sells 0.5 at 120 to carol; both times she takes, fee 0.1 %. */
    private void trade() {
        bob.deposit(coin, "5");
        placed(bob.order(Traders.limit(coin, "sell", "2", "100")));
        placed(alice.order(Traders.limit(coin, "buy", "2", "100")));
        placed(carol.order(Traders.limit(coin, "buy", "0.5", "120")));
        placed(alice.order(Traders.limit(coin, "sell", "0.5", "120")));
    }

    private static void placed(HttpApi.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(reply.text("status")).as("%s", reply).isIn("open", "executed");
    }

    private static JsonNode holding(JsonNode portfolio, String symbol) {
        for (JsonNode h : portfolio.path("holdings")) {
            if (h.path("symbol").asString().equals(symbol)) {
                return h;
            }
        }
        throw new AssertionError("no holding " + symbol + " in " + portfolio);
    }

    private static BigDecimal dec(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asString());
    }

    @Test
    void holdingsMatchTheBalancesAndTheProfitMatchesTheFills() {
        trade();

        HttpApi.Reply reply = alice.api().get("/api/v1/portfolio");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode p = reply.json();
        JsonNode h = holding(p, coin);
        BigDecimal[] coinBalance = alice.balance(coin);
        BigDecimal[] usdBalance = alice.balance("USD");
        assertThat(dec(h, "quantity")).isEqualByComparingTo(coinBalance[0].add(coinBalance[1])).isEqualByComparingTo("1.5");
        assertThat(dec(p, "cash_balance")).isEqualByComparingTo(usdBalance[0].add(usdBalance[1]));

        // the P&L worked out from alice's own fills: sold quantity at its price less the FIFO cost, less every fee
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal proceeds = BigDecimal.ZERO;
        BigDecimal soldQuantity = BigDecimal.ZERO;
        BigDecimal buyPrice = null;
        JsonNode fills = alice.api().get("/api/v1/fills?symbol=" + coin + "-USD").json().path("items");
        assertThat(fills).hasSize(2);
        for (JsonNode f : fills) {
            fees = fees.add(dec(f, "fee"));
            BigDecimal notional = dec(f, "price").multiply(dec(f, "quantity"));
            if (f.path("side").asString().equalsIgnoreCase("sell")) {
                proceeds = proceeds.add(notional);
                soldQuantity = soldQuantity.add(dec(f, "quantity"));
            } else {
                buyPrice = dec(f, "price");
            }
        }
        assertThat(buyPrice).isEqualByComparingTo("100");
        BigDecimal realized = proceeds.subtract(soldQuantity.multiply(buyPrice)).subtract(fees);
        assertThat(realized).isEqualByComparingTo("9.74"); // 60 - 50 - 0.20 - 0.06
        assertThat(dec(h, "realized_profit_loss")).isEqualByComparingTo(realized);
        assertThat(dec(p, "realized_profit_loss")).isEqualByComparingTo(realized);
        assertThat(dec(h, "fees_paid")).isEqualByComparingTo(fees);

        assertThat(dec(h, "average_buy_price")).isEqualByComparingTo("100");
        assertThat(dec(h, "current_price")).as("the last trade").isEqualByComparingTo("120");
        assertThat(dec(h, "current_value")).isEqualByComparingTo("180");
        assertThat(dec(h, "invested_amount")).isEqualByComparingTo("150");
        assertThat(dec(h, "profit_loss")).isEqualByComparingTo("30");
        assertThat(h.path("profit_loss_percentage").asDouble()).isEqualTo(20.0);
        assertThat(h.path("transactions_count").asLong()).isEqualTo(2);
        JsonNode lots = h.path("cost_basis");
        assertThat(lots).hasSize(1);
        assertThat(dec(lots.get(0), "quantity")).isEqualByComparingTo("1.5");
        assertThat(dec(lots.get(0), "price")).isEqualByComparingTo("100");
        assertThat(lots.get(0).path("order_id").asString()).isNotBlank();
        assertThat(lots.get(0).path("acquired_at").asString()).isNotBlank();

        BigDecimal cash = usdBalance[0].add(usdBalance[1]);
        assertThat(dec(p, "total_value")).isEqualByComparingTo(cash.add(new BigDecimal("180")));
        assertThat(dec(p, "total_invested")).as("the opening balance").isEqualByComparingTo("100000");
        assertThat(dec(p, "profit_loss")).isEqualByComparingTo(realized.add(new BigDecimal("30")))
                .isEqualByComparingTo(dec(p, "total_value").subtract(dec(p, "total_invested")));
        assertThat(dec(h, "percentage_of_portfolio")).isEqualByComparingTo(new BigDecimal("180").multiply(BigDecimal.valueOf(100))
                .divide(dec(p, "total_value"), 4, RoundingMode.HALF_EVEN));
        JsonNode meta = p.path("metadata");
        assertThat(meta.path("needs_recalculation").asBoolean()).isFalse();
        assertThat(meta.path("last_order_processed").asString()).isNotBlank();
        assertThat(meta.path("last_calculated").asString()).isNotBlank();
        assertThat(meta.path("version").asString()).isNotBlank();
        assertThat(p.path("metrics").path("diversification").path("herfindahl_index").path("value").isNumber()).isTrue();

        // bob: the coin he was given is a deposit at no price (no trade yet then); selling it realized the proceeds
        JsonNode bobs = bob.api().get("/api/v1/portfolio").json();
        assertThat(dec(holding(bobs, coin), "quantity")).isEqualByComparingTo(bob.balance(coin)[0].add(bob.balance(coin)[1]));
    }

    @Test
    void anAssetWithoutAPriceIsListedWithoutAValueAndLeftOutOfTheTotals() {
        String unpriced = traders.newMarket(); // no trade, no book
        alice.deposit(unpriced, "3");

        JsonNode p = alice.api().get("/api/v1/portfolio").json();

        JsonNode h = holding(p, unpriced);
        assertThat(dec(h, "quantity")).isEqualByComparingTo("3");
        assertThat(h.path("current_value").isNull()).isTrue();
        assertThat(h.path("current_price").isNull()).isTrue();
        assertThat(dec(p, "total_value")).isEqualByComparingTo("100000");
        assertThat(p.path("metadata").path("unpriced_assets").toString()).contains(unpriced);
        assertThat(p.path("metadata").path("note").asString()).contains(unpriced);
    }

    @Test
    void aValuationCurrencyMustBeAnAssetTheExchangeKnows() {
        assertThat(assertValidationFailed(alice.api().get("/api/v1/portfolio?currency=NOPE"))).containsKey("currency");
        HttpApi.Reply usd = alice.api().get("/api/v1/portfolio?currency=usd");
        assertThat(usd.status()).isEqualTo(200);
        assertThat(usd.text("currency")).isEqualTo("USD");
    }

    @Test
    void aSnapshotRoundRecordsEveryPortfolioAndHistoryServesIt() {
        trade();
        long at = clock.millis() - clock.millis() % (15 * 60_000L); // where the cron fires
        snapshots.run(at);

        HttpApi.Reply reply = alice.api().get("/api/v1/portfolio/history?interval=15m&from="
                + java.time.Instant.ofEpochMilli(at - 3_600_000L) + "&to=" + java.time.Instant.ofEpochMilli(at + 60_000L));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode items = reply.json().path("items");
        assertThat(items).isNotEmpty();
        JsonNode last = items.get(items.size() - 1);
        JsonNode now = alice.api().get("/api/v1/portfolio").json();
        assertThat(dec(last, "total_value")).isEqualByComparingTo(dec(now, "total_value"));
        assertThat(dec(last, "total_invested")).isEqualByComparingTo("100000");
        assertThat(dec(last, "profit_loss")).isEqualByComparingTo(dec(now, "profit_loss"));
        // carol did nothing since her buy, and still has a snapshot
        assertThat(carol.api().get("/api/v1/portfolio/history").json().path("items")).isNotEmpty();
        assertThat(assertValidationFailed(alice.api().get("/api/v1/portfolio/history?interval=2m"))).containsKey("interval");
        assertThat(assertValidationFailed(alice.api().get("/api/v1/portfolio/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"))).containsKey("from");
    }

    @Test
    void metricsWithoutEnoughHistoryAreNullWithAReason() {
        HttpApi.Reply reply = alice.api().get("/api/v1/portfolio/metrics");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode weekly = reply.json().path("performance").path("weekly_change");
        assertThat(weekly.path("value").isNull()).isTrue();
        assertThat(weekly.path("reason").asString()).isNotBlank();
        assertThat(weekly.path("window").asString()).isEqualTo("7d");
        assertThat(reply.json().path("risk").path("sharpe_ratio").path("value").isNull()).isTrue();
        JsonNode largest = reply.json().path("diversification").path("largest_position_percentage");
        assertThat(largest.path("value").asDouble()).isEqualTo(100.0); // all cash
        assertThat(reply.json().path("diversification").path("categories").path("value").path("fiat").asDouble())
                .isEqualTo(100.0);
    }

    @Test
    void anAdminReadsAnyonesPortfolioAndNobodyElseDoes() {
        trade();
        HttpApi admin = traders.admin();

        HttpApi.Reply reply = admin.get("/api/v1/admin/portfolios/" + alice.id());
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(dec(holding(reply.json(), coin), "quantity")).isEqualByComparingTo("1.5");
        assertThat(admin.get("/api/v1/admin/portfolios/987654321").status()).isEqualTo(404);
        assertThat(bob.api().get("/api/v1/admin/portfolios/" + alice.id()).status()).isIn(403, 404);
        assertThat(HttpApi.onPort(port).get("/api/v1/portfolio").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentShowsThePortfolioEndpoints() {
        JsonNode paths = HttpApi.onPort(port).get("/v3/api-docs").json().path("paths");

        assertThat(paths.propertyNames()).contains("/api/v1/portfolio", "/api/v1/portfolio/metrics",
                "/api/v1/portfolio/history", "/api/v1/admin/portfolios/{user_id}");
        assertThat(paths.path("/api/v1/portfolio").path("get").path("responses").path("400").path("description")
                .asString()).contains("VALIDATION_FAILED");
    }
}
