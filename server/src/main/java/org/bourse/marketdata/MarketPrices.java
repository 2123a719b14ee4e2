package org.bourse.marketdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.springframework.stereotype.Component;

/**
 * The current price of a market for other modules (the portfolio's valuation), by the rule of
 * {@code GET /prices/{asset}}: the last trade price, else the mid of the best bid and ask.
 */
@Component
public final class MarketPrices {

    /** A price in the market's quote asset; {@code source} is {@code last_trade} or {@code mid}. */
    public record Price(BigDecimal value, String source, Instant at) {
    }

    private final MarketCatalog catalog;
    private final LiveMarketData live;

    MarketPrices(MarketCatalog catalog, LiveMarketData live) {
        this.catalog = catalog;
        this.live = live;
    }

    /** Empty for an unknown market, or one with neither a trade nor a two-sided book. */
    public Optional<Price> price(String symbol) {
        Optional<MarketSpec> spec = catalog.market(symbol);
        Optional<MarketState> state = spec.flatMap(s -> live.market(s.symbol()));
        if (state.isEmpty()) {
            return Optional.empty();
        }
        long[] last = state.get().lastTrade();
        if (last != null) {
            return Optional.of(new Price(spec.get().price(last[0]), "last_trade", Instant.ofEpochMilli(last[1])));
        }
        Long[] top = state.get().top();
        if (top[0] == null || top[1] == null) {
            return Optional.empty();
        }
        BigDecimal mid = spec.get().price(top[0]).add(spec.get().price(top[1]))
                .divide(BigDecimal.valueOf(2), spec.get().quoteScale() + 1, RoundingMode.HALF_EVEN);
        return Optional.of(new Price(mid, "mid", Instant.now()));
    }
}
