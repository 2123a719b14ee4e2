package org.bourse.marketdata;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bourse.exchange.MarketSpec;
import org.springframework.stereotype.Component;

/**
 * The market data module's public face for other transports (the Binance-compatible {@code /api/v3}): the same
 * figures the REST endpoints answer, from the same live state, so the dialects never disagree.
 */
@Component
public final class PublicMarketData {

    /** The most recent trades a market keeps in memory. */
    public static final int MAX_RECENT_TRADES = MarketState.RECENT_TRADES;
    public static final int MAX_DEPTH = OrderBooks.MAX_DEPTH;

    private final LiveMarketData live;
    private final OrderBooks books;
    private final CandleQuery candles;
    private final Clock clock;

    PublicMarketData(LiveMarketData live, OrderBooks books, CandleQuery candles, Clock clock) {
        this.live = live;
        this.books = books;
        this.candles = candles;
        this.clock = clock;
    }

    /** The 24 h ticker, as {@code GET /markets/{symbol}/ticker}; empty for a market not (yet) known here. */
    public Optional<Ticker> ticker(MarketSpec market) {
        return live.market(market.symbol()).map(state -> state.ticker(market, clock.millis()));
    }

    /** The book, best first, {@code depth} levels a side (1..{@link #MAX_DEPTH}). */
    public OrderBooks.Book book(MarketSpec market, int depth) {
        return books.book(market, depth);
    }

    /** The newest {@code limit} trades, newest first. */
    public List<TradeRow> recentTrades(MarketSpec market, int limit) {
        return live.market(market.symbol()).map(state -> state.recentTrades(limit).stream()
                .map(t -> TradeRow.of(market, t.id(), t.price(), t.quantity(), t.takerSide(), t.executedAt()))
                .toList()).orElse(List.of());
    }

    /**
     * Candles as {@code GET /markets/{symbol}/candles} answers them, oldest first.
     *
     * @param interval 1m, 5m, 15m, 1h, 4h or 1d; another is {@code 400 VALIDATION_FAILED} naming interval
     * @param from     epoch milliseconds or ISO-8601, or null
     * @param to       epoch milliseconds or ISO-8601, or null
     */
    public List<CandleRow> candles(MarketSpec market, String interval, String from, String to, int limit) {
        return candles.candles(market, MarketDataController.interval(interval, "1m"), from, to, limit);
    }
}
