package org.bourse.marketdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads persisted candles and fills the gaps: between a market's first trade and the end of the range, an
 * interval without trades is a flat candle at the previous close with zero volume and no trades; before the
 * first trade there is nothing.
 */
@Component
final class CandleHistory {

    private final JdbcTemplate jdbc;

    CandleHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param start the first bucket wanted
     * @param end the last bucket wanted (not before {@code start})
     * @param fromStart whether to take the first {@code limit} buckets from {@code start} (else the range holds
     *                  at most {@code limit} buckets already)
     * @return gap-filled candles, oldest first
     */
    List<Candle> read(String symbol, CandleInterval interval, long start, long end, int limit, boolean fromStart) {
        // The ORDER BY names the key's fixed leading columns too: only then does H2 read the key in order and stop
        // at the limit, rather than reading the market's whole history of that interval and sorting it.
        List<Candle> rows = jdbc.query("""
                SELECT * FROM candles WHERE symbol = ? AND period = ? AND open_time BETWEEN ? AND ?
                ORDER BY symbol, period, open_time LIMIT ?""", (rs, n) -> candle(rs), symbol, interval.code(), start, end,
                limit);
        List<Candle> before = jdbc.query("""
                SELECT * FROM candles WHERE symbol = ? AND period = ? AND open_time < ?
                ORDER BY symbol DESC, period DESC, open_time DESC LIMIT 1""", (rs, n) -> candle(rs), symbol,
                interval.code(), start);
        Long previousClose = before.isEmpty() ? null : before.getFirst().close();
        long first = start;
        if (previousClose == null) {
            if (rows.isEmpty()) {
                return List.of();
            }
            first = rows.getFirst().openTime();
        }
        long last = fromStart ? Math.min(end, first + (limit - 1) * interval.millis()) : end;
        Map<Long, Candle> byTime = new HashMap<>();
        rows.forEach(c -> byTime.put(c.openTime(), c));
        List<Candle> out = new ArrayList<>();
        for (long t = first; t <= last; t += interval.millis()) {
            Candle c = byTime.get(t);
            if (c == null) {
                c = Candle.empty(t, previousClose);
            }
            out.add(c);
            previousClose = c.close();
        }
        return out;
    }

    static Candle candle(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Candle(rs.getLong("open_time"), rs.getLong("open_price"), rs.getLong("high_price"),
                rs.getLong("low_price"), rs.getLong("close_price"), rs.getLong("volume"), rs.getLong("quote_volume"),
                rs.getLong("trades"));
    }
}
