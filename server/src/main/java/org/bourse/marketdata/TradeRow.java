package org.bourse.marketdata;

import java.time.Instant;
import java.util.Locale;

import org.bourse.engine.Side;
import org.bourse.exchange.MarketSpec;

/**
 * A public trade as clients see it: a row of {@code GET /markets/{symbol}/trades} and the data of a
 * {@code trades:SYMBOL} WebSocket update, rendered by this one record so the two never differ.
 */
public record TradeRow(String id, String price, String quantity, String takerSide, Instant executedAt) {

    /** From minor units of {@code market}; {@code executedAt} in epoch milliseconds. */
    public static TradeRow of(MarketSpec market, long id, long price, long quantity, Side takerSide, long executedAt) {
        return new TradeRow(Long.toString(id), market.price(price).toPlainString(),
                market.quantity(quantity).toPlainString(), takerSide.name().toLowerCase(Locale.ROOT),
                Instant.ofEpochMilli(executedAt));
    }
}
