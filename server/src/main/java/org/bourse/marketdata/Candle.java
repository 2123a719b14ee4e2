package org.bourse.marketdata;

/** One OHLCV bucket in minor units (prices of the market, base quantity, quote amount). Immutable. */
record Candle(long openTime, long open, long high, long low, long close, long volume, long quoteVolume, long trades) {

    static Candle ofTrade(long openTime, long price, long quantity, long quote) {
        return new Candle(openTime, price, price, price, price, quantity, quote, 1);
    }

    /** An interval without trades: flat at the previous close. */
    static Candle empty(long openTime, long previousClose) {
        return new Candle(openTime, previousClose, previousClose, previousClose, previousClose, 0, 0, 0);
    }

    Candle plusTrade(long price, long quantity, long quote) {
        return new Candle(openTime, open, Math.max(high, price), Math.min(low, price), price, volume + quantity,
                quoteVolume + quote, trades + 1);
    }

    /** This bucket followed by {@code later} of the same interval (a merge of two partial aggregates). */
    Candle then(Candle later) {
        return new Candle(openTime, open, Math.max(high, later.high), Math.min(low, later.low), later.close,
                volume + later.volume, quoteVolume + later.quoteVolume, trades + later.trades);
    }
}
