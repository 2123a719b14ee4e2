package org.bourse.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.Traders.limit;

import java.nio.file.Path;

import org.bourse.BourseApplication;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restart keeps the 24 h ticker, the trade tape and the candles: the live figures come back from the
 * persisted trades and candles, and no trade is counted twice.
 */
class MarketDataRestartTest {

    @TempDir
    Path data;

    /** Command-line arguments: they outrank application.yml and the developer's environment. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BourseApplication.class).run("--server.port=0",
                "--bourse.data-dir=" + data, "--spring.datasource.url=", "--spring.datasource.username=",
                "--spring.datasource.password=", "--bourse.redis.url=", "--bourse.jwt.secret=", "--bourse.demo=false",
                "--server.forward-headers-strategy=native",
                "--bourse.rate-limit.capacity=100000", "--bourse.rate-limit.refill-per-second=100000");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void theTickerTradesAndCandlesComeBackAfterARestartWithEachTradeCountedOnce() {
        String symbol;
        JsonNode ticker;
        JsonNode trades;
        JsonNode candles;
        try (ConfigurableApplicationContext first = start()) {
            Traders traders = new Traders(port(first));
            String coin = traders.newMarket();
            symbol = coin + "-USD";
            Trader alice = traders.newTrader();
            Trader bob = traders.newTrader();
            bob.deposit(coin, "1");
            alice.deposit("USD", "1000");
            assertThat(bob.order(limit(coin, "sell", "0.3", "100")).status()).isEqualTo(201);
            assertThat(alice.order(limit(coin, "buy", "0.1", "100")).status()).isEqualTo(201);
            assertThat(alice.order(limit(coin, "buy", "0.2", "100")).status()).isEqualTo(201);
            HttpApi api = HttpApi.onPort(port(first));
            ticker = api.get("/api/v1/markets/" + symbol + "/ticker").json();
            trades = api.get("/api/v1/markets/" + symbol + "/trades").json();
            candles = api.get("/api/v1/markets/" + symbol + "/candles?interval=1d").json();
            assertThat(trades.size()).isEqualTo(2);
        }
        try (ConfigurableApplicationContext second = start()) {
            HttpApi api = HttpApi.onPort(port(second));
            JsonNode again = api.get("/api/v1/markets/" + symbol + "/ticker").json();
            for (String field : new String[] {"last_price", "open_24h", "high_24h", "low_24h", "volume_24h",
                    "quote_volume_24h"}) {
                assertThat(again.get(field)).as(field).isEqualTo(ticker.get(field));
            }
            assertThat(api.get("/api/v1/markets/" + symbol + "/trades").json()).isEqualTo(trades);
            JsonNode daily = api.get("/api/v1/markets/" + symbol + "/candles?interval=1d").json();
            assertThat(daily).isEqualTo(candles);
            assertThat(daily.get(daily.size() - 1).get("trades").asLong()).isEqualTo(2);
            assertThat(((Ticker) second.getBean(MarketDataFeed.class).ticker(symbol).orElseThrow()).volume24h())
                    .isEqualTo(ticker.get("volume_24h").asString());
        }
    }
}
