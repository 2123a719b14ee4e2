package org.bourse.marketdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public market data: ticker, book, trades, candles, indicators and prices. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Market data", description = "Public, no token. Unknown market: 404 MARKET_NOT_FOUND. Decimal strings.")
class MarketDataController {

    static final String PRICE_UNAVAILABLE = "PRICE_UNAVAILABLE";

    record PriceResponse(String symbol, String quote, String price, String source, Instant timestamp) {
    }

    private final MarketCatalog catalog;
    private final LiveMarketData live;
    private final OrderBooks books;
    private final CandleQuery candleQuery;
    private final Clock clock;

    MarketDataController(MarketCatalog catalog, LiveMarketData live, OrderBooks books,
                         CandleQuery candleQuery, Clock clock) {
        this.catalog = catalog;
        this.live = live;
        this.books = books;
        this.candleQuery = candleQuery;
        this.clock = clock;
    }

    @GetMapping("/markets/{symbol}/ticker")
    @Operation(summary = "24 h rolling ticker",
            description = "The 24 h window is the current UTC minute and the 1,439 before it. Kept in memory, updated "
                    + "before a command is acknowledged: a ticker read after an acknowledged order reflects it.")
    @ApiResponse(responseCode = "200", description = "the ticker")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    Ticker ticker(@PathVariable String symbol) {
        MarketSpec spec = market(symbol);
        return live.market(spec.symbol()).orElseThrow().ticker(spec, clock.millis());
    }

    @GetMapping("/markets/{symbol}/book")
    @Operation(summary = "Order book aggregated per price level, best first",
            description = "bids and asks are [price, quantity] pairs. sequence is the book sequence (the same as the "
                    + "WebSocket book channel's): it rises by one per level change. Read from the live mirror of the "
                    + "book and cached per book sequence, which moves before a command is acknowledged, so a book is "
                    + "never older than the caller's own order.")
    @ApiResponse(responseCode = "200", description = "the book")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the parameter")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    OrderBooks.Book book(@PathVariable String symbol,
                         @Parameter(description = "levels per side, 1..1000") @RequestParam(required = false) String depth) {
        MarketSpec spec = market(symbol);
        return books.book(spec, intParam("depth", depth, 50, 1, OrderBooks.MAX_DEPTH));
    }

    @GetMapping("/markets/{symbol}/trades")
    @Operation(summary = "Recent trades, newest first",
            description = "From memory, updated before a command is acknowledged: a client sees its own trade at once.")
    @ApiResponse(responseCode = "200", description = "the trades, newest first")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the parameter")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    List<TradeRow> trades(@PathVariable String symbol,
                               @Parameter(description = "1..1000, default 100") @RequestParam(required = false) String limit) {
        MarketSpec spec = market(symbol);
        int count = intParam("limit", limit, 100, 1, MarketState.RECENT_TRADES);
        return live.market(spec.symbol()).orElseThrow().recentTrades(count).stream()
                .map(t -> TradeRow.of(spec, t.id(), t.price(), t.quantity(), t.takerSide(), t.executedAt()))
                .toList();
    }

    @GetMapping("/markets/{symbol}/candles")
    @Operation(summary = "OHLCV candles, oldest first",
            description = "interval: 1m, 5m, 15m, 1h, 4h or 1d (UTC buckets). from/to: ISO-8601 instants or epoch "
                    + "milliseconds, bucket-aligned downwards; to defaults to now and is never later than now. "
                    + "limit: 1..1000, default 500; with from, the first limit buckets from it, else the last limit "
                    + "buckets up to to. Gap-filled: from the market's first trade on, an interval without trades "
                    + "repeats the previous close as open, high, low and close with volume 0 and trades 0; nothing "
                    + "is returned before the first trade. The last row is the candle still forming.")
    @ApiResponse(responseCode = "200", description = "the candles, oldest first")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the parameter")
    @ApiResponse(responseCode = "404", description = "MARKET_NOT_FOUND")
    List<CandleRow> candles(@PathVariable String symbol, @RequestParam(required = false) String interval,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String limit) {
        MarketSpec spec = market(symbol);
        CandleInterval width = interval(interval, null);
        int count = intParam("limit", limit, 500, 1, 1000);
        return candleQuery.candles(spec, width, from, to, count);
    }

    @GetMapping("/prices/{asset}")
    @Operation(summary = "The price of an asset in a quote asset",
            description = "The last trade price of market {asset}-{quote} (source last_trade), else the mid of its "
                    + "best bid and ask (source mid, timestamp now). No such market: 404 MARKET_NOT_FOUND; a market "
                    + "with neither a trade nor both sides of the book: 404 PRICE_UNAVAILABLE.")
    @ApiResponse(responseCode = "200", description = "the price")
    @ApiResponse(responseCode = "404",
            description = "MARKET_NOT_FOUND; PRICE_UNAVAILABLE when the market has neither a trade nor a two-sided book")
    PriceResponse price(@PathVariable String asset, @RequestParam(required = false, defaultValue = "USD") String quote) {
        String base = asset.toUpperCase(Locale.ROOT);
        String quoteAsset = quote.toUpperCase(Locale.ROOT);
        MarketSpec spec = market(base + "-" + quoteAsset);
        MarketState state = live.market(spec.symbol()).orElseThrow();
        long[] last = state.lastTrade();
        if (last != null) {
            return new PriceResponse(base, quoteAsset, spec.price(last[0]).toPlainString(), "last_trade",
                    Instant.ofEpochMilli(last[1]));
        }
        Long[] top = state.top();
        if (top[0] == null || top[1] == null) {
            throw ApiException.notFound(PRICE_UNAVAILABLE, "Market " + spec.symbol() + " has no trade and no two-sided book yet");
        }
        BigDecimal mid = spec.price(top[0]).add(spec.price(top[1]))
                .divide(BigDecimal.valueOf(2), spec.price(1).scale() + 1, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (mid.scale() < 0) {
            mid = mid.setScale(0);
        }
        return new PriceResponse(base, quoteAsset, mid.toPlainString(), "mid", Instant.ofEpochMilli(clock.millis()));
    }

    private MarketSpec market(String symbol) {
        return market(catalog, symbol);
    }

    static MarketSpec market(MarketCatalog catalog, String symbol) {
        return catalog.market(symbol == null ? null : symbol.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.notFound(EngineRejections.MARKET_NOT_FOUND, "There is no market " + symbol));
    }

    static CandleInterval interval(String value, String fallback) {
        String code = value == null ? fallback : value;
        if (code == null) {
            throw ApiException.invalidField("interval", "is required: " + CandleInterval.NAMES);
        }
        return CandleInterval.of(code)
                .orElseThrow(() -> ApiException.invalidField("interval", "must be " + CandleInterval.NAMES));
    }

    static int intParam(String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField(field, "must be a whole number from " + min + " to " + max);
    }

}
