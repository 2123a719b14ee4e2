package org.bourse.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;
import static org.bourse.testsupport.Traders.limit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

/**
 * API.md's market data section through real HTTP, on trades two users make against each other on a market
 * of the test's own. Expected figures are worked out by hand from the orders placed. Subclasses choose the
 * database and the cache.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class MarketDataScenarios {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    MarketDataFeed feed;

    Traders traders;
    String coin;
    String symbol;
    Trader alice;
    Trader bob;
    HttpApi anyone;

    @BeforeEach
    void traders() {
        traders = new Traders(port);
        coin = traders.newMarket();
        symbol = coin + "-USD";
        alice = traders.newTrader();
        bob = traders.newTrader();
        bob.deposit(coin, "10");
        alice.deposit("USD", "100000");
        anyone = HttpApi.onPort(port);
    }

    private void placed(Trader trader, String side, String quantity, String price) {
        HttpApi.Reply reply = trader.order(limit(coin, side, quantity, price));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }

    /** Four trades: 0.2@100 and 0.3@100 and 0.1@101 taken by buys, then 0.1@99 taken by a sell. */
    private void tradeFourTimes() {
        placed(bob, "sell", "0.5", "100");
        placed(bob, "sell", "0.3", "101");
        placed(alice, "buy", "0.2", "100");
        placed(alice, "buy", "0.4", "101");
        placed(alice, "buy", "0.1", "99");
        placed(bob, "sell", "0.1", "99");
        placed(alice, "buy", "0.05", "98");
    }

    private static void assertDecimal(JsonNode node, String expected) {
        assertThat(node.isString()).as("%s is a decimal string", node).isTrue();
        assertThat(new BigDecimal(node.asString())).as("%s", node).isEqualByComparingTo(expected);
    }

    private JsonNode get(String path) {
        HttpApi.Reply reply = anyone.get(path);
        assertThat(reply.status()).as("%s: %s", path, reply).isEqualTo(200);
        return reply.json();
    }

    @Test
    void theTickerSumsUpTheTradesAndTheTopOfTheBook() {
        JsonNode before = get("/api/v1/markets/" + symbol + "/ticker");
        assertThat(before.get("last_price").isNull()).isTrue();
        assertThat(before.get("best_bid").isNull()).isTrue();
        assertThat(before.get("open_24h").isNull()).isTrue();
        assertDecimal(before.get("volume_24h"), "0");

        tradeFourTimes();

        JsonNode ticker = get("/api/v1/markets/" + symbol + "/ticker");
        assertThat(ticker.get("symbol").asString()).isEqualTo(symbol);
        assertDecimal(ticker.get("last_price"), "99");
        assertDecimal(ticker.get("best_bid"), "98");
        assertDecimal(ticker.get("best_ask"), "101");
        assertDecimal(ticker.get("open_24h"), "100");
        assertDecimal(ticker.get("high_24h"), "101");
        assertDecimal(ticker.get("low_24h"), "99");
        assertDecimal(ticker.get("volume_24h"), "0.7");
        assertDecimal(ticker.get("quote_volume_24h"), "70"); // 20 + 30 + 10.1 + 9.9
        assertDecimal(ticker.get("change_24h"), "-1");
        assertDecimal(ticker.get("change_percent_24h"), "-1");
        assertThat(ticker.get("sequence").asLong()).isPositive();
        assertThat(Instant.parse(ticker.get("timestamp").asString())).isNotNull();
    }

    @Test
    void theBookAggregatesLevelsBestFirstAndItsSequenceCountsLevelChanges() {
        placed(bob, "sell", "0.5", "102");
        placed(bob, "sell", "0.25", "102");
        placed(bob, "sell", "0.1", "103");
        placed(alice, "buy", "0.2", "97");
        placed(alice, "buy", "0.3", "98");

        JsonNode book = get("/api/v1/markets/" + symbol + "/book");
        assertThat(book.get("symbol").asString()).isEqualTo(symbol);
        assertThat(book.get("bids").size()).isEqualTo(2);
        assertDecimal(book.get("bids").get(0).get(0), "98");
        assertDecimal(book.get("bids").get(0).get(1), "0.3");
        assertDecimal(book.get("bids").get(1).get(0), "97");
        assertDecimal(book.get("asks").get(0).get(0), "102");
        assertDecimal(book.get("asks").get(0).get(1), "0.75");
        assertDecimal(book.get("asks").get(1).get(0), "103");
        long sequence = book.get("sequence").asLong();
        assertThat(sequence).isEqualTo(5); // one change per order: a new level or a level's new total

        assertThat(get("/api/v1/markets/" + symbol + "/book?depth=1").get("asks").size()).isEqualTo(1);

        placed(alice, "buy", "0.1", "96"); // read right after the acknowledgement: the cached copy must not answer
        JsonNode after = get("/api/v1/markets/" + symbol + "/book");
        assertThat(after.get("sequence").asLong()).isEqualTo(sequence + 1);
        assertThat(after.get("bids").size()).isEqualTo(3);
        assertDecimal(after.get("bids").get(2).get(0), "96");
    }

    @Test
    void theTradesAreNewestFirstWithTheTakersSide() {
        tradeFourTimes();

        JsonNode trades = get("/api/v1/markets/" + symbol + "/trades");
        assertThat(trades.size()).isEqualTo(4);
        String[][] expected = {{"99", "0.1", "sell"}, {"101", "0.1", "buy"}, {"100", "0.3", "buy"}, {"100", "0.2", "buy"}};
        for (int i = 0; i < expected.length; i++) {
            JsonNode trade = trades.get(i);
            assertDecimal(trade.get("price"), expected[i][0]);
            assertDecimal(trade.get("quantity"), expected[i][1]);
            assertThat(trade.get("taker_side").asString()).isEqualTo(expected[i][2]);
            assertThat(Instant.parse(trade.get("executed_at").asString())).isNotNull();
        }
        assertThat(trades.get(0).get("id").isString()).as("ids are strings").isTrue();
        assertThat(Long.parseLong(trades.get(0).get("id").asString())).isGreaterThan(Long.parseLong(trades.get(1).get("id").asString()));
        assertThat(get("/api/v1/markets/" + symbol + "/trades?limit=2").size()).isEqualTo(2);
    }

    @Test
    void candlesCarryTheTradesAndRepeatTheLastCloseThroughQuietIntervals() {
        tradeFourTimes();

        // the trades may straddle a minute boundary: check what the minutes add up to
        JsonNode minutes = get("/api/v1/markets/" + symbol + "/candles?interval=1m&limit=10");
        assertThat(minutes.size()).isBetween(1, 2);
        assertDecimal(minutes.get(0).get("open"), "100");
        assertDecimal(minutes.get(minutes.size() - 1).get("close"), "99");
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        long trades = 0;
        for (JsonNode m : minutes) {
            volume = volume.add(new BigDecimal(m.get("volume").asString()));
            quote = quote.add(new BigDecimal(m.get("quote_volume").asString()));
            trades += m.get("trades").asLong();
        }
        assertThat(volume).isEqualByComparingTo("0.7");
        assertThat(quote).isEqualByComparingTo("70");
        assertThat(trades).isEqualTo(4);

        clock.advance(Duration.ofMinutes(3));

        JsonNode filled = get("/api/v1/markets/" + symbol + "/candles?interval=1m&limit=10");
        assertThat(filled.size()).isEqualTo(minutes.size() + 3);
        for (int i = 1; i < filled.size(); i++) {
            assertThat(Instant.parse(filled.get(i).get("open_time").asString()))
                    .isEqualTo(Instant.parse(filled.get(i - 1).get("open_time").asString()).plusSeconds(60));
        }
        for (int i = minutes.size(); i < filled.size(); i++) {
            JsonNode quiet = filled.get(i);
            for (String price : List.of("open", "high", "low", "close")) {
                assertDecimal(quiet.get(price), "99");
            }
            assertDecimal(quiet.get("volume"), "0");
            assertDecimal(quiet.get("quote_volume"), "0");
            assertThat(quiet.get("trades").asLong()).isZero();
        }

        JsonNode days = get("/api/v1/markets/" + symbol + "/candles?interval=1d");
        JsonNode day = days.get(days.size() - 1);
        assertDecimal(day.get("high"), "101");
        assertDecimal(day.get("low"), "99");
        assertDecimal(day.get("close"), "99");

        String from = filled.get(1).get("open_time").asString();
        JsonNode window = get("/api/v1/markets/" + symbol + "/candles?interval=1m&from=" + from + "&limit=2");
        assertThat(window.size()).isEqualTo(2);
        assertThat(window.get(0).get("open_time").asString()).isEqualTo(from);
    }

    @Test
    void indicatorsMatchHandComputedValuesOverOneTradePerMinute() {
        String[] closes = {"10", "11", "12", "13", "14"};
        for (String close : closes) {
            placed(bob, "sell", "0.1", close);
            placed(alice, "buy", "0.1", close);
            clock.advance(Duration.ofMinutes(1));
        }
        // the last advance opened a quiet minute repeating 14: six closes
        List<BigDecimal> series = new ArrayList<>();
        for (String close : closes) {
            series.add(new BigDecimal(close));
        }
        series.add(new BigDecimal("14"));

        JsonNode indicators = get("/api/v1/markets/" + symbol + "/indicators?interval=1m&sma=3&ema=3&rsi=2"
                + "&macd=2,3,2&bollinger=3,2");
        assertThat(indicators.get("symbol").asString()).isEqualTo(symbol);
        assertThat(indicators.get("interval").asString()).isEqualTo("1m");

        JsonNode sma = indicators.get("sma");
        assertThat(sma.get("period").asInt()).isEqualTo(3);
        assertThat(sma.get("series").size()).isEqualTo(4); // from the third close on
        assertDecimal(sma.get("series").get(0).get("value"), "11");
        assertDecimal(sma.get("value"), "13.66666667"); // (13 + 14 + 14) / 3

        // ta4j's EMA(3) leaves its first 3 points out and starts from the 4th close
        BigDecimal ema = series.get(3);
        BigDecimal k = new BigDecimal("0.5"); // 2 / (3 + 1)
        for (BigDecimal close : series.subList(4, series.size())) {
            ema = close.subtract(ema).multiply(k).add(ema);
        }
        assertThat(indicators.get("ema").get("series").size()).isEqualTo(3);
        assertDecimal(indicators.get("ema").get("value"), ema.setScale(8, RoundingMode.HALF_EVEN).toPlainString());

        assertDecimal(indicators.get("rsi").get("value"), "100"); // never a loss
        assertThat(indicators.get("macd").get("value").get("histogram").isString()).isTrue();
        JsonNode band = indicators.get("bollinger").get("value");
        assertDecimal(band.get("middle"), "13.66666667");
        assertThat(new BigDecimal(band.get("upper").asString())).isGreaterThan(new BigDecimal(band.get("middle").asString()));
        assertThat(get("/api/v1/markets/" + symbol + "/indicators?interval=1m&sma=3").has("ema")).isFalse();
    }

    @Test
    void thePriceIsTheLastTradeElseTheMidElseUnavailable() {
        assertProblem(anyone.get("/api/v1/prices/" + coin + "?quote=USD"), 404, MarketDataController.PRICE_UNAVAILABLE);

        placed(bob, "sell", "0.1", "100");
        placed(alice, "buy", "0.1", "91");
        JsonNode mid = get("/api/v1/prices/" + coin);
        assertThat(mid.get("symbol").asString()).isEqualTo(coin);
        assertThat(mid.get("quote").asString()).isEqualTo("USD");
        assertDecimal(mid.get("price"), "95.5");
        assertThat(mid.get("source").asString()).isEqualTo("mid");

        placed(alice, "buy", "0.1", "100");
        JsonNode last = get("/api/v1/prices/" + coin + "?quote=USD");
        assertDecimal(last.get("price"), "100");
        assertThat(last.get("source").asString()).isEqualTo("last_trade");
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        String m = "/api/v1/markets/" + symbol;
        String[][] cases = {
                {m + "/book?depth=0", "depth"}, {m + "/book?depth=1001", "depth"}, {m + "/book?depth=many", "depth"},
                {m + "/trades?limit=0", "limit"}, {m + "/trades?limit=1001", "limit"},
                {m + "/candles", "interval"}, {m + "/candles?interval=2m", "interval"},
                {m + "/candles?interval=1m&from=yesterday", "from"}, {m + "/candles?interval=1m&to=soon", "to"},
                {m + "/candles?interval=1m&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from"},
                {m + "/candles?interval=1m&limit=0", "limit"}, {m + "/candles?interval=1m&limit=1001", "limit"},
                {m + "/indicators?interval=7m&sma=3", "interval"}, {m + "/indicators?sma=0", "sma"},
                {m + "/indicators?ema=x", "ema"}, {m + "/indicators?rsi=501", "rsi"},
                {m + "/indicators?macd=26,12,9", "macd"}, {m + "/indicators?macd=12,26", "macd"},
                {m + "/indicators?bollinger=20", "bollinger"}, {m + "/indicators?bollinger=20,-1", "bollinger"},
                {m + "/indicators?sma=3&limit=0", "limit"}};
        for (String[] c : cases) {
            assertThat(assertValidationFailed(anyone.get(c[0]))).as(c[0]).containsKey(c[1]);
        }
    }

    @Test
    void anUnknownMarketIsNotFoundEverywhere() {
        for (String path : List.of("/ticker", "/book", "/trades", "/candles?interval=1m", "/indicators?sma=3")) {
            assertProblem(anyone.get("/api/v1/markets/NOPE-USD" + path), 404, "MARKET_NOT_FOUND");
        }
        assertProblem(anyone.get("/api/v1/prices/NOPE?quote=USD"), 404, "MARKET_NOT_FOUND");
        assertProblem(anyone.get("/api/v1/prices/" + coin + "?quote=EUR"), 404, "MARKET_NOT_FOUND");
    }

    @Test
    void theFeedTellsListenersOfATradeWithTheObjectsTheEndpointsReturn() throws InterruptedException {
        BlockingQueue<Object[]> heard = new LinkedBlockingQueue<>();
        feed.listen(new MarketDataFeed.Listener() {
            @Override
            public void tickerChanged(String market, long sequence, Object ticker) {
                if (market.equals(symbol)) {
                    heard.add(new Object[] {"ticker", sequence, ticker});
                }
            }

            @Override
            public void candleChanged(String market, String interval, long sequence, Object candle) {
                if (market.equals(symbol) && interval.equals("1m")) {
                    heard.add(new Object[] {"candle", sequence, candle});
                }
            }
        });
        placed(bob, "sell", "0.1", "100");
        placed(alice, "buy", "0.1", "100");

        Ticker traded = null;
        CandleRow candle = null;
        long lastSequence = 0;
        while (traded == null || candle == null) {
            Object[] next = heard.poll(30, TimeUnit.SECONDS); // a bound on waiting, not an assertion on speed
            assertThat(next).as("a ticker and a candle after the trade").isNotNull();
            assertThat((long) next[1]).as("engine order").isGreaterThanOrEqualTo(lastSequence);
            lastSequence = (long) next[1];
            if (next[2] instanceof Ticker t && t.lastPrice() != null) {
                traded = t;
            } else if (next[2] instanceof CandleRow c) {
                candle = c;
            }
        }
        assertThat(new BigDecimal(traded.lastPrice())).isEqualByComparingTo("100");
        assertThat(traded.sequence()).isEqualTo(lastSequence);
        assertThat(candle.trades()).isEqualTo(1);
        assertThat(new BigDecimal(candle.volume())).isEqualByComparingTo("0.1");

        Ticker now = (Ticker) feed.ticker(symbol).orElseThrow();
        JsonNode rest = get("/api/v1/markets/" + symbol + "/ticker");
        assertThat(rest.get("last_price").asString()).isEqualTo(now.lastPrice()).isEqualTo(traded.lastPrice());
        assertThat(rest.get("volume_24h").asString()).isEqualTo(now.volume24h());
        assertThat(feed.currentCandle(symbol, "1m")).get().isInstanceOf(CandleRow.class);
        assertThat(feed.currentCandle(symbol, "2m")).isEmpty();
        assertThat(feed.ticker("NOPE-USD")).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheMarketDataEndpoints() {
        JsonNode document = get("/v3/api-docs");
        assertThat(document.path("paths").propertyNames()).contains("/api/v1/markets/{symbol}/ticker",
                "/api/v1/markets/{symbol}/book", "/api/v1/markets/{symbol}/trades", "/api/v1/markets/{symbol}/candles",
                "/api/v1/markets/{symbol}/indicators", "/api/v1/prices/{asset}");
        assertThat(document.path("components").path("schemas").path("Ticker").path("properties").propertyNames())
                .contains("last_price", "open_24h", "change_percent_24h", "sequence");
        assertThat(document.path("paths").path("/api/v1/markets/{symbol}/candles").path("get").path("description")
                .asString()).contains("Gap-filled");
    }
}
