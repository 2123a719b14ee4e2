package org.bourse.marketdata;

import java.time.Instant;

import org.bourse.exchange.MarketSpec;

/** A row of {@code GET /markets/{symbol}/candles} and the WebSocket candle payload: decimal strings. */
public record CandleRow(Instant openTime, String open, String high, String low, String close, String volume,
                 String quoteVolume, long trades) {

    static CandleRow of(Candle c, MarketSpec m) {
        return new CandleRow(Instant.ofEpochMilli(c.openTime()), m.price(c.open()).toPlainString(),
                m.price(c.high()).toPlainString(), m.price(c.low()).toPlainString(), m.price(c.close()).toPlainString(),
                m.quantity(c.volume()).toPlainString(), m.quoteAmount(c.quoteVolume()).toPlainString(), c.trades());
    }
}
