package org.bourse.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v3} as a Binance client reads it: market data in Binance's names, an order's life, and the exchange's
 * refusals under Binance's codes. Each test trades in a market of its own.
 */
@BourseHttpTest
// signed requests carry the wall clock's time: a context of their own, whose TestClock no other test class has moved
@TestPropertySource(properties = {"bourse.test.context=wall-clock", "bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class BinanceSurfaceTest {

    @LocalServerPort
    int port;

    Traders traders;
    String coin;
    String symbol;
    Trader maker;
    Trader taker;
    BinanceClient makerKey;
    BinanceClient takerKey;

    @BeforeEach
    void market() {
        traders = new Traders(port);
        coin = traders.newMarket();
        symbol = coin + "USD";
        maker = traders.newTrader();
        taker = traders.newTrader();
        maker.deposit(coin, "1");
        makerKey = key(maker);
        takerKey = key(taker);
    }

    private BinanceClient key(Trader trader) {
        JsonNode created = trader.api().post("/api/v1/api-keys",
                Map.of("label", "bot", "permissions", List.of("read", "trade"))).json();
        return BinanceClient.of(port, created.get("api_key").asString(), created.get("secret").asString());
    }

    private BinanceClient.Reply place(BinanceClient key, String side, String type, Map<String, String> more) {
        Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("symbol", symbol, "side", side, "type", type));
        params.putAll(more);
        return key.signed("POST", "/api/v3/order", params);
    }

    @Test
    void exchangeInfoDescribesTheMarketWithBinancesFilters() {
        JsonNode info = makerKey.get("/api/v3/exchangeInfo?symbol=" + symbol).json();
        JsonNode market = info.get("symbols").get(0);

        assertThat(market.get("symbol").asString()).isEqualTo(symbol);
        assertThat(market.get("baseAsset").asString()).isEqualTo(coin);
        assertThat(market.get("quoteAsset").asString()).isEqualTo("USD");
        assertThat(market.get("status").asString()).isEqualTo("TRADING");
        assertThat(market.get("filters").toString()).contains("\"filterType\":\"PRICE_FILTER\"", "\"tickSize\":\"0.01\"",
                "\"filterType\":\"LOT_SIZE\"", "\"stepSize\":\"0.00001000\"");
        assertThat(makerKey.get("/api/v3/exchangeInfo?symbol=NOSUCHCOIN").body())
                .isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void anOrdersLifeReadsAsOnBinance() {
        BinanceClient.Reply sell = place(makerKey, "SELL", "LIMIT",
                Map.of("timeInForce", "GTC", "quantity", "0.5", "price", "20.00", "newClientOrderId", "maker-1"));
        assertThat(sell.status()).as("%s", sell).isEqualTo(200);
        assertThat(sell.json().get("status").asString()).isEqualTo("NEW");
        assertThat(sell.json().get("clientOrderId").asString()).isEqualTo("maker-1");
        long sellId = sell.json().get("orderId").asLong();

        JsonNode depth = makerKey.get("/api/v3/depth?symbol=" + symbol).json();
        assertThat(depth.get("asks").toString()).isEqualTo("[[\"20.00\",\"0.50000000\"]]");

        BinanceClient.Reply buy = place(takerKey, "BUY", "MARKET", Map.of("quantity", "0.2"));
        assertThat(buy.status()).as("%s", buy).isEqualTo(200);
        assertThat(buy.json().get("status").asString()).isEqualTo("FILLED");
        assertThat(buy.json().get("cummulativeQuoteQty").asString()).isEqualTo("4");
        assertThat(buy.json().get("fills").get(0).get("price").asString()).isEqualTo("20.00");

        JsonNode partly = makerKey.signed("GET", "/api/v3/order", Map.of("symbol", symbol, "orderId",
                Long.toString(sellId))).json();
        assertThat(partly.get("status").asString()).isEqualTo("PARTIALLY_FILLED");
        assertThat(partly.get("executedQty").asString()).isEqualTo("0.20000000");
        assertThat(makerKey.signed("GET", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", "maker-1"))
                .json().get("orderId").asLong()).isEqualTo(sellId);

        JsonNode trades = makerKey.get("/api/v3/trades?symbol=" + symbol).json();
        assertThat(trades.get(0).get("qty").asString()).isEqualTo("0.20000000");
        assertThat(trades.get(0).get("isBuyerMaker").asBoolean()).isFalse();
        JsonNode makerFills = makerKey.signed("GET", "/api/v3/myTrades", Map.of("symbol", symbol)).json();
        assertThat(makerFills.get(0).get("isMaker").asBoolean()).isTrue();
        assertThat(makerFills.get(0).get("isBuyer").asBoolean()).isFalse();

        BinanceClient.Reply cancelled = makerKey.signed("DELETE", "/api/v3/order",
                Map.of("symbol", symbol, "orderId", Long.toString(sellId)));
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELED");
        assertThat(makerKey.signed("GET", "/api/v3/openOrders", Map.of("symbol", symbol)).json()).isEmpty();
        assertThat(makerKey.signed("GET", "/api/v3/allOrders", Map.of("symbol", symbol)).json()).hasSize(1);
        JsonNode ticker = makerKey.get("/api/v3/ticker/24hr?symbol=" + symbol).json();
        assertThat(ticker.get("lastPrice").asString()).isEqualTo("20.00");
        assertThat(makerKey.get("/api/v3/klines?symbol=" + symbol + "&interval=1m").json().get(0).get(4).asString())
                .isEqualTo("20.00");
    }

    @Test
    void theExchangesRefusalsKeepBinancesCodes() {
        BinanceClient.Reply broke = place(takerKey, "BUY", "LIMIT",
                Map.of("timeInForce", "GTC", "quantity", "9000", "price", "1000.00"));
        BinanceClient.Reply offTick = place(takerKey, "BUY", "LIMIT",
                Map.of("timeInForce", "GTC", "quantity", "0.1", "price", "1.001"));
        BinanceClient.Reply noSide = takerKey.signed("POST", "/api/v3/order", Map.of("symbol", symbol, "type", "MARKET"));
        BinanceClient.Reply badInterval = takerKey.get("/api/v3/klines?symbol=" + symbol + "&interval=3m");

        assertThat(broke.code()).as("%s", broke).isEqualTo(-2010);
        assertThat(offTick.code()).as("%s", offTick).isEqualTo(-1013);
        assertThat(noSide.code()).isEqualTo(-1102);
        assertThat(badInterval.code()).isEqualTo(-1120);

        long sellId = place(makerKey, "SELL", "LIMIT", Map.of("timeInForce", "GTC", "quantity", "0.1",
                "price", "30.00")).json().get("orderId").asLong();
        BinanceClient.Reply othersOrder = takerKey.signed("GET", "/api/v3/order",
                Map.of("symbol", symbol, "orderId", Long.toString(sellId)));
        BinanceClient.Reply cancelOthers = takerKey.signed("DELETE", "/api/v3/order",
                Map.of("symbol", symbol, "orderId", Long.toString(sellId)));
        assertThat(othersOrder.code()).as("another user's order does not exist for the caller").isEqualTo(-2013);
        assertThat(cancelOthers.code()).isEqualTo(-2011);
        assertThat(makerKey.signed("GET", "/api/v3/openOrders", Map.of("symbol", symbol)).json()).hasSize(1);
    }
}
