package org.bourse.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bourse.engine.MarketStatus;
import org.bourse.engine.Side;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A listener slower than the trades loses intermediate changes, never the latest state. */
class FeedBackpressureTest {

    private static final MarketSpec SPEC = new MarketSpec("X-USD", "X", "USD", 2, 2, 1, 1, 1, 0, 1000, 1000,
            1_000_000_00L, 1_000_000_00L, MarketStatus.TRADING);

    private static JdbcTemplate emptyReadModels() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:feed" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        jdbc.execute("""
                CREATE TABLE candles (symbol VARCHAR(32), period VARCHAR(3), open_time BIGINT, open_price BIGINT,
                    high_price BIGINT, low_price BIGINT, close_price BIGINT, volume BIGINT, quote_volume BIGINT,
                    trades BIGINT)""");
        jdbc.execute("""
                CREATE TABLE trades (id BIGINT, symbol VARCHAR(32), price NUMERIC(38,18), quantity NUMERIC(38,18),
                    taker_side VARCHAR(4), executed_at TIMESTAMP WITH TIME ZONE)""");
        return jdbc;
    }

    @Test
    void aListenerThatFellBehindEndsOnTheLatestTicker() throws InterruptedException {
        MarketCatalog catalog = new MarketCatalog();
        catalog.apply(new CommandEvents(1, 0, null, null, List.of(new ExchangeEvent.MarketChanged(SPEC))));
        Clock clock = Clock.systemUTC();
        LiveMarketData feed = new LiveMarketData(catalog, clock, emptyReadModels());
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<Ticker> heard = new LinkedBlockingQueue<>();
        feed.listen(new MarketDataFeed.Listener() {
            @Override
            public void tickerChanged(String symbol, long sequence, Object ticker) {
                try {
                    release.await(); // a listener stuck until every trade below is in
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.add((Ticker) ticker);
            }

            @Override
            public void candleChanged(String symbol, String interval, long sequence, Object candle) {
            }
        });
        int trades = 100_000; // more than the queue holds
        for (int i = 1; i <= trades; i++) {
            long now = clock.millis();
            feed.apply(new CommandEvents(i + 1, now, null, null, List.of(new ExchangeEvent.TradeExecuted(i, "X-USD",
                    i, 1, Side.BUY, 1, 2, 1, 2, 0, 0, i, i, now))));
        }
        release.countDown();

        Ticker last = null;
        while (last == null || !last.lastPrice().equals(SPEC.price(trades).toPlainString())) {
            last = heard.poll(60, TimeUnit.SECONDS); // a bound on waiting, not an assertion on speed
            assertThat(last).as("the latest ticker reaches the listener").isNotNull();
        }
        assertThat(last.sequence()).isEqualTo(trades + 1);
        feed.destroy();
    }
}
