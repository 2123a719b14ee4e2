package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bourse.exchange.MarketCatalog;
import org.bourse.marketdata.MarketPrices;
import org.springframework.stereotype.Component;

/** A book valued at the exchange's current prices (last trade, else mid) in a currency. */
@Component
class Valuation {

    /** One holding valued: {@code price} and {@code value} null when the asset has no path to the currency. */
    record Position(Holding holding, BigDecimal quantity, BigDecimal cost, BigDecimal price, BigDecimal value,
                    List<String> path) {
    }

    /**
     * @param toCurrency one unit of the book currency in the valuation currency
     * @param value      cash plus the priced positions, in the valuation currency
     */
    record Valued(PortfolioBook book, String currency, BigDecimal toCurrency, BigDecimal cash, List<Position> positions,
                  BigDecimal value, List<String> unpriced, BigDecimal benchmark) {
    }

    static final String BENCHMARK = "BTC";

    private final MarketCatalog catalog;
    private final MarketPrices prices;

    Valuation(MarketCatalog catalog, MarketPrices prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    Rates rates() {
        return new Rates(catalog.markets(), symbol -> prices.price(symbol).map(MarketPrices.Price::value));
    }

    /** @return empty when the book currency itself cannot be converted to {@code currency} */
    Optional<Valued> value(PortfolioBook book, String currency) {
        return value(book, currency, rates());
    }

    static Optional<Valued> value(PortfolioBook book, String currency, Rates rates) {
        Optional<Rates.Rate> toCurrency = rates.rate(book.bookCurrency, currency);
        if (toCurrency.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal conversion = toCurrency.get().value();
        BigDecimal cash = book.cash.multiply(conversion);
        BigDecimal total = cash;
        List<Position> positions = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        for (Holding h : book.holdings.values()) {
            BigDecimal quantity = h.quantity();
            Optional<Rates.Rate> rate = rates.rate(h.asset, currency);
            BigDecimal value = rate.map(r -> quantity.multiply(r.value())).orElse(null);
            if (value == null) {
                unpriced.add(h.asset);
            } else {
                total = total.add(value);
            }
            positions.add(new Position(h, quantity, h.cost().multiply(conversion), rate.map(Rates.Rate::value).orElse(null),
                    value, rate.map(Rates.Rate::path).orElse(List.of())));
        }
        BigDecimal benchmark = rates.rate(BENCHMARK, book.bookCurrency).map(Rates.Rate::value).orElse(null);
        return Optional.of(new Valued(book, currency, conversion, cash, positions, total, unpriced, benchmark));
    }

    /** The book's value in its own currency, for a snapshot; unpriced holdings count nothing. */
    static Snapshot snapshot(PortfolioBook book, long at, Rates rates) {
        Valued v = value(book, book.bookCurrency, rates).orElseThrow();
        return new Snapshot(at, Money.stored(v.value()), Money.stored(book.netInvested),
                v.benchmark() == null ? null : Money.stored(v.benchmark()));
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 4, RoundingMode.HALF_EVEN);
    }
}
