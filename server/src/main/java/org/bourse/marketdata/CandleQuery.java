package org.bourse.marketdata;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Candles as the API answers them: the range worked out from interval, from, to and limit, read through both
 * cache levels under the market's last trade sequence, and from a candles table that holds that trade.
 */
@Component
final class CandleQuery {

    private static final TypeReference<List<CandleRow>> CANDLES = new TypeReference<>() {
    };

    private final LiveMarketData live;
    private final ExchangeGateway exchange;
    private final MarketDataCache cache;
    private final CandleHistory history;
    private final Clock clock;

    CandleQuery(LiveMarketData live, ExchangeGateway exchange, MarketDataCache cache, CandleHistory history,
                Clock clock) {
        this.live = live;
        this.exchange = exchange;
        this.cache = cache;
        this.history = history;
        this.clock = clock;
    }

    /** Gap-filled candles through both cache levels, keyed by the market's last trade sequence. */
    List<CandleRow> candles(MarketSpec spec, CandleInterval width, String from, String to, int count) {
        long now = clock.millis();
        Long fromTime = instant("from", from);
        Long toTime = instant("to", to);
        long end = width.openTime(toTime == null ? now : Math.min(toTime, now));
        if (fromTime != null && fromTime > (toTime == null ? now : toTime)) {
            throw ApiException.invalidField("from", "must not be later than to (or now)");
        }
        long start = fromTime != null ? width.openTime(fromTime) : end - (count - 1) * width.millis();
        MarketState state = live.market(spec.symbol()).orElseThrow();
        long version = state.lastTradeSequence();
        String key = "md:candles:" + spec.symbol() + ":" + width.code() + ":" + start + ":" + end + ":" + count + ":"
                + (fromTime != null) + ":" + version;
        return cache.get(key, CANDLES, () -> {
            if (exchange.projectedSequence() < version) {
                exchange.awaitReadModels(); // the candles table must hold every trade up to the version
            }
            return history.read(spec.symbol(), width, start, end, count, fromTime != null).stream()
                    .map(c -> CandleRow.of(c, spec)).toList();
        });
    }

    private static Long instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 instant or epoch milliseconds");
        }
    }
}
