package org.bourse.binance;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.marketdata.CandleRow;
import org.bourse.marketdata.OrderBooks;
import org.bourse.marketdata.PublicMarketData;
import org.bourse.marketdata.Ticker;
import org.bourse.marketdata.TradeRow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's public market data: {@code ping}, {@code time}, {@code exchangeInfo}, {@code depth}, {@code trades},
 * {@code klines}, {@code ticker/24hr}. The figures are the market data module's, renamed: bodies are maps so the
 * field names are Binance's camelCase rather than this API's snake_case.
 */
@RestController
@Tag(name = "Binance-compatible", description = "Binance's /api/v3 subset: names, symbols (BTCUSD), error bodies "
        + "{code, msg} and signing as Binance's; see docs/binance-compat.md")
class BinanceMarketDataController {

    private static final List<String> ORDER_TYPES = List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS",
            "STOP_LOSS_LIMIT");

    private final MarketCatalog catalog;
    private final BinanceSymbols symbols;
    private final PublicMarketData marketData;
    private final Clock clock;

    BinanceMarketDataController(MarketCatalog catalog, BinanceSymbols symbols, PublicMarketData marketData,
                                Clock clock) {
        this.catalog = catalog;
        this.symbols = symbols;
        this.marketData = marketData;
        this.clock = clock;
    }

    @GetMapping("/api/v3/ping")
    @Operation(summary = "Binance: test connectivity")
    Map<String, Object> ping() {
        return Map.of();
    }

    @GetMapping("/api/v3/time")
    @Operation(summary = "Binance: server time in epoch milliseconds")
    Map<String, Object> time() {
        return Map.of("serverTime", clock.millis());
    }

    @GetMapping("/api/v3/exchangeInfo")
    @Operation(summary = "Binance: markets and their filters (PRICE_FILTER, LOT_SIZE, NOTIONAL)")
    Map<String, Object> exchangeInfo(@RequestParam(required = false) String symbol) {
        List<MarketSpec> markets = symbol == null ? catalog.markets() : List.of(symbols.market(symbol));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("timezone", "UTC");
        info.put("serverTime", clock.millis());
        info.put("rateLimits", List.of());
        info.put("exchangeFilters", List.of());
        info.put("symbols", markets.stream().map(BinanceMarketDataController::symbolInfo).toList());
        return info;
    }

    private static Map<String, Object> symbolInfo(MarketSpec m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("symbol", BinanceSymbols.of(m));
        s.put("status", m.trading() ? "TRADING" : "HALT");
        s.put("baseAsset", m.baseAsset());
        s.put("baseAssetPrecision", m.baseScale());
        s.put("quoteAsset", m.quoteAsset());
        s.put("quotePrecision", m.quoteScale());
        s.put("quoteAssetPrecision", m.quoteScale());
        s.put("baseCommissionPrecision", m.baseScale());
        s.put("quoteCommissionPrecision", m.quoteScale());
        s.put("orderTypes", ORDER_TYPES);
        s.put("icebergAllowed", false);
        s.put("ocoAllowed", false);
        s.put("otoAllowed", false);
        s.put("quoteOrderQtyMarketAllowed", true);
        s.put("allowTrailingStop", false);
        s.put("cancelReplaceAllowed", false);
        s.put("isSpotTradingAllowed", true);
        s.put("isMarginTradingAllowed", false);
        s.put("filters", List.of(
                Map.of("filterType", "PRICE_FILTER", "minPrice", text(m.price(m.tickSize())),
                        "maxPrice", text(m.price(m.maxPrice())), "tickSize", text(m.price(m.tickSize()))),
                Map.of("filterType", "LOT_SIZE", "minQty", text(m.quantity(Math.max(m.minQuantity(), m.lotSize()))),
                        "maxQty", text(m.quantity(m.maxQuantity())), "stepSize", text(m.quantity(m.lotSize()))),
                Map.of("filterType", "NOTIONAL", "minNotional", text(m.quoteAmount(m.minNotional())),
                        "applyMinToMarket", true, "maxNotional", "9000000000.00000000", "applyMaxToMarket", false,
                        "avgPriceMins", 0)));
        s.put("permissions", List.of());
        s.put("permissionSets", List.of(List.of("SPOT")));
        s.put("defaultSelfTradePreventionMode", "NONE");
        s.put("allowedSelfTradePreventionModes", List.of("NONE"));
        return s;
    }

    @GetMapping("/api/v3/depth")
    @Operation(summary = "Binance: order book, best first; limit 1..1000 (default 100)")
    Map<String, Object> depth(@RequestParam(required = false) String symbol,
                              @RequestParam(required = false) String limit) {
        MarketSpec market = symbols.market(symbol);
        OrderBooks.Book book = marketData.book(market, BinanceParameters.limit(limit, 100, PublicMarketData.MAX_DEPTH));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lastUpdateId", book.sequence());
        out.put("bids", book.bids());
        out.put("asks", book.asks());
        return out;
    }

    @GetMapping("/api/v3/trades")
    @Operation(summary = "Binance: recent trades, oldest first; limit 1..1000 (default 500)")
    List<Map<String, Object>> trades(@RequestParam(required = false) String symbol,
                                     @RequestParam(required = false) String limit) {
        MarketSpec market = symbols.market(symbol);
        List<TradeRow> newestFirst = marketData.recentTrades(market,
                BinanceParameters.limit(limit, 500, PublicMarketData.MAX_RECENT_TRADES));
        List<Map<String, Object>> out = new ArrayList<>(newestFirst.size());
        for (TradeRow t : newestFirst.reversed()) {
            Map<String, Object> trade = new LinkedHashMap<>();
            trade.put("id", Long.parseLong(t.id()));
            trade.put("price", t.price());
            trade.put("qty", t.quantity());
            trade.put("quoteQty", text(new BigDecimal(t.price()).multiply(new BigDecimal(t.quantity()))));
            trade.put("time", t.executedAt().toEpochMilli());
            trade.put("isBuyerMaker", "sell".equals(t.takerSide())); // a selling taker met a resting buy
            trade.put("isBestMatch", true);
            out.add(trade);
        }
        return out;
    }

    @GetMapping("/api/v3/klines")
    @Operation(summary = "Binance: candles, oldest first; interval 1m, 5m, 15m, 1h, 4h or 1d; limit 1..1000 (default 500)")
    List<List<Object>> klines(@RequestParam(required = false) String symbol,
                              @RequestParam(required = false) String interval,
                              @RequestParam(required = false) String startTime,
                              @RequestParam(required = false) String endTime,
                              @RequestParam(required = false) String limit) {
        MarketSpec market = symbols.market(symbol);
        if (interval == null || interval.isBlank()) {
            throw BinanceException.missing("interval");
        }
        Long start = BinanceParameters.optionalLong("startTime", startTime);
        Long end = BinanceParameters.optionalLong("endTime", endTime);
        long width = width(interval);
        List<CandleRow> rows = marketData.candles(market, interval, start == null ? null : start.toString(),
                end == null ? null : end.toString(), BinanceParameters.limit(limit, 500, 1000));
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (CandleRow c : rows) {
            long open = c.openTime().toEpochMilli();
            // taker buy volumes are not kept: "0", as docs/binance-compat.md says
            out.add(List.of(open, c.open(), c.high(), c.low(), c.close(), c.volume(), open + width - 1, c.quoteVolume(),
                    c.trades(), "0", "0", "0"));
        }
        return out;
    }

    private static long width(String interval) {
        return switch (interval) {
            case "1m" -> 60_000L;
            case "5m" -> 300_000L;
            case "15m" -> 900_000L;
            case "1h" -> 3_600_000L;
            case "4h" -> 14_400_000L;
            case "1d" -> 86_400_000L;
            default -> throw new BinanceException(BinanceError.BAD_INTERVAL);
        };
    }

    @GetMapping("/api/v3/ticker/24hr")
    @Operation(summary = "Binance: 24 h rolling ticker of one symbol, or of every market without symbol")
    Object ticker24hr(@RequestParam(required = false) String symbol) {
        if (symbol != null) {
            return ticker(symbols.market(symbol));
        }
        return catalog.markets().stream().map(this::ticker).toList();
    }

    private Map<String, Object> ticker(MarketSpec m) {
        Ticker t = marketData.ticker(m).orElseThrow(() -> new BinanceException(BinanceError.BAD_SYMBOL));
        long close = t.timestamp().toEpochMilli();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", BinanceSymbols.of(m));
        out.put("priceChange", zeroIfNull(t.change24h()));
        out.put("priceChangePercent", zeroIfNull(t.changePercent24h()));
        out.put("weightedAvgPrice", weightedAverage(t));
        out.put("prevClosePrice", zeroIfNull(t.open24h()));
        out.put("lastPrice", zeroIfNull(t.lastPrice()));
        out.put("lastQty", "0");
        out.put("bidPrice", zeroIfNull(t.bestBid()));
        out.put("bidQty", "0");
        out.put("askPrice", zeroIfNull(t.bestAsk()));
        out.put("askQty", "0");
        out.put("openPrice", zeroIfNull(t.open24h()));
        out.put("highPrice", zeroIfNull(t.high24h()));
        out.put("lowPrice", zeroIfNull(t.low24h()));
        out.put("volume", zeroIfNull(t.volume24h()));
        out.put("quoteVolume", zeroIfNull(t.quoteVolume24h()));
        out.put("openTime", close - 86_400_000L);
        out.put("closeTime", close);
        out.put("firstId", -1);
        out.put("lastId", -1);
        out.put("count", 0);
        return out;
    }

    private static String weightedAverage(Ticker t) {
        if (t.volume24h() == null || t.quoteVolume24h() == null || new BigDecimal(t.volume24h()).signum() == 0) {
            return "0";
        }
        return text(new BigDecimal(t.quoteVolume24h()).divide(new BigDecimal(t.volume24h()), 8,
                java.math.RoundingMode.HALF_EVEN));
    }

    private static String zeroIfNull(String value) {
        return value == null ? "0" : value;
    }

    static String text(BigDecimal value) {
        return value.toPlainString();
    }
}
