package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.bourse.exchange.MarketSpec;

/**
 * What one unit of an asset is worth in another, from the exchange's own markets: a direct market (either way
 * round), else one intermediate asset (ETH to BTC to USD). Markets are tried in listing order, so the answer does
 * not depend on hash order. A rate through an inverted market or an intermediate is rounded to 18 places.
 */
final class Rates {

    /** A rate and the markets it went through. */
    record Rate(BigDecimal value, List<String> path) {
    }

    private final List<MarketSpec> markets;
    private final Function<String, Optional<BigDecimal>> price;

    /** @param price the price of a market (by symbol) in its quote asset, when it has one */
    Rates(List<MarketSpec> markets, Function<String, Optional<BigDecimal>> price) {
        this.markets = markets;
        this.price = price;
    }

    /** The same markets, each price read once and then remembered in {@code seen}. */
    Rates memoized(java.util.Map<String, Optional<BigDecimal>> seen) {
        return new Rates(markets, symbol -> seen.computeIfAbsent(symbol, price));
    }

    Optional<Rate> rate(String asset, String currency) {
        if (asset.equals(currency)) {
            return Optional.of(new Rate(BigDecimal.ONE, List.of()));
        }
        Optional<Rate> direct = direct(asset, currency);
        if (direct.isPresent()) {
            return direct;
        }
        for (MarketSpec m : markets) {
            String via = m.baseAsset().equals(asset) ? m.quoteAsset() : m.quoteAsset().equals(asset) ? m.baseAsset() : null;
            if (via == null || via.equals(currency)) {
                continue;
            }
            Optional<Rate> first = direct(asset, via);
            Optional<Rate> second = first.isEmpty() ? Optional.empty() : direct(via, currency);
            if (second.isPresent()) {
                BigDecimal value = Money.stored(first.get().value().multiply(second.get().value()));
                return Optional.of(new Rate(value, List.of(first.get().path().getFirst(), second.get().path().getFirst())));
            }
        }
        return Optional.empty();
    }

    private Optional<Rate> direct(String asset, String currency) {
        for (MarketSpec m : markets) {
            if (m.baseAsset().equals(asset) && m.quoteAsset().equals(currency)) {
                Optional<BigDecimal> p = price.apply(m.symbol());
                if (p.isPresent() && p.get().signum() > 0) {
                    return Optional.of(new Rate(p.get(), List.of(m.symbol())));
                }
            }
        }
        for (MarketSpec m : markets) {
            if (m.baseAsset().equals(currency) && m.quoteAsset().equals(asset)) {
                Optional<BigDecimal> p = price.apply(m.symbol());
                if (p.isPresent() && p.get().signum() > 0) {
                    return Optional.of(new Rate(BigDecimal.ONE.divide(p.get(), Money.SCALE, RoundingMode.HALF_EVEN),
                            List.of(m.symbol())));
                }
            }
        }
        return Optional.empty();
    }
}
