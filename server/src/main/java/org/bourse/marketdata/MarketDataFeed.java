package org.bourse.marketdata;

import java.util.Optional;

/**
 * The public market data that changes with every trade (ticker and forming candles), for streaming
 * transports such as the WebSocket. Payloads are the very objects the REST endpoints return, so a stream
 * and a {@code GET} never disagree on shape.
 */
public interface MarketDataFeed {

    /** The market's ticker now, as {@code GET /markets/{symbol}/ticker} returns it; empty for an unknown market. */
    Optional<Object> ticker(String symbol);

    /**
     * The candle now forming for {@code interval} (one of 1m, 5m, 15m, 1h, 4h, 1d), as a row of
     * {@code GET /markets/{symbol}/candles}; empty for an unknown market or interval, or before any trade.
     */
    Optional<Object> currentCandle(String symbol, String interval);

    /** Registers a listener called on one thread, in engine order, after each change. */
    void listen(Listener listener);

    interface Listener {

        /** {@code sequence} is the engine sequence of the command whose trades changed the ticker. */
        void tickerChanged(String symbol, long sequence, Object ticker);

        void candleChanged(String symbol, String interval, long sequence, Object candle);
    }
}
