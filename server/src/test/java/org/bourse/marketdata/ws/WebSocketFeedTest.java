package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bourse.marketdata.MarketDataFeed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import tools.jackson.databind.JsonNode;

/** The ticker and candles channels relay the market data feed: its current value first, then its changes. */
@WebSocketTest
@Import(WebSocketFeedTest.Feed.class)
class WebSocketFeedTest {

    @LocalServerPort
    int port;

    @Autowired
    ScriptedFeed feed;

    @Test
    void theTickerChannelSendsTheFeedsTickerThenEachChange() {
        try (WsClient client = WsClient.connect(port)) {
            client.subscribe("ticker:BTC-USD");
            JsonNode snapshot = client.await(on("ticker:BTC-USD", "snapshot"));
            assertThat(snapshot.path("data").path("last_price").asString()).isEqualTo("100.00");

            feed.tick("BTC-USD", 41, Map.of("symbol", "BTC-USD", "last_price", "101.50"));
            JsonNode update = client.await(on("ticker:BTC-USD", "update"));
            assertThat(update.path("sequence").asLong()).isEqualTo(41);
            assertThat(update.path("data").path("last_price").asString()).isEqualTo("101.50");
        }
    }

    @Test
    void aCandlesChannelSendsTheFormingCandleThenChangesOfItsIntervalOnly() {
        try (WsClient client = WsClient.connect(port)) {
            client.subscribe("candles:BTC-USD:1m");
            JsonNode snapshot = client.await(on("candles:BTC-USD:1m", "snapshot"));
            assertThat(snapshot.path("data").path("close").asString()).isEqualTo("100.00");

            feed.candle("BTC-USD", "5m", 50, Map.of("close", "99.00"));
            feed.candle("BTC-USD", "1m", 51, Map.of("close", "102.00"));
            JsonNode update = client.await(m -> m.has("channel"));
            assertThat(update.path("channel").asString()).isEqualTo("candles:BTC-USD:1m");
            assertThat(update.path("data").path("close").asString()).isEqualTo("102.00");
        }
    }

    /** A feed the test drives: fixed current values, and changes when the test says so. */
    static final class ScriptedFeed implements MarketDataFeed {
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Object> ticker(String symbol) {
            return Optional.of(Map.of("symbol", symbol, "last_price", "100.00"));
        }

        @Override
        public Optional<Object> currentCandle(String symbol, String interval) {
            return Optional.of(Map.of("open_time", "2026-11-23T00:00:00Z", "close", "100.00"));
        }

        @Override
        public void listen(Listener listener) {
            listeners.add(listener);
        }

        void tick(String symbol, long sequence, Object ticker) {
            listeners.forEach(l -> l.tickerChanged(symbol, sequence, ticker));
        }

        void candle(String symbol, String interval, long sequence, Object candle) {
            listeners.forEach(l -> l.candleChanged(symbol, interval, sequence, candle));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Feed {
        @Bean
        @Primary
        ScriptedFeed scriptedFeed() {
            return new ScriptedFeed();
        }
    }
}
