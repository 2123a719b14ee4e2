package org.bourse.marketdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code candles} read model: every trade of a batch folded into its bucket of each interval, then one
 * upsert per touched bucket. The projector is the only writer, so update-else-insert needs no locking, and
 * it runs in the batch's transaction, so a candle counts each trade exactly once, across restarts too.
 */
@Component
final class CandleProjection implements Projection {

    private record Key(String symbol, CandleInterval interval, long openTime) {
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        Map<Key, Candle> touched = new LinkedHashMap<>();
        for (CommandEvents command : batch) {
            for (ExchangeEvent event : command.events()) {
                if (event instanceof ExchangeEvent.TradeExecuted t) {
                    for (CandleInterval interval : CandleInterval.values()) {
                        long openTime = interval.openTime(t.executedAt());
                        touched.merge(new Key(t.symbol(), interval, openTime),
                                Candle.ofTrade(openTime, t.price(), t.quantity(), t.sellerReceived()), Candle::then);
                    }
                }
            }
        }
        touched.forEach((key, c) -> {
            int updated = jdbc.update("""
                    UPDATE candles SET high_price = GREATEST(high_price, ?), low_price = LEAST(low_price, ?),
                           close_price = ?, volume = volume + ?, quote_volume = quote_volume + ?, trades = trades + ?
                    WHERE symbol = ? AND period = ? AND open_time = ?""", c.high(), c.low(), c.close(), c.volume(),
                    c.quoteVolume(), c.trades(), key.symbol(), key.interval().code(), key.openTime());
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO candles (symbol, period, open_time, open_price, high_price, low_price, close_price,
                                             volume, quote_volume, trades)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", key.symbol(), key.interval().code(), key.openTime(),
                        c.open(), c.high(), c.low(), c.close(), c.volume(), c.quoteVolume(), c.trades());
            }
        });
    }
}
