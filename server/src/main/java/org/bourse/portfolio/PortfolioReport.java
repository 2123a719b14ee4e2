package org.bourse.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bourse.exchange.MarketCatalog;
import org.bourse.platform.ApiException;
import org.springframework.stereotype.Component;

/** Builds the answers of {@code /portfolio}, {@code /portfolio/metrics} and {@code /portfolio/history}. */
@Component
class PortfolioReport {

    record PortfolioLot(String quantity, String price, Instant acquiredAt, String orderId) {
    }

    record PortfolioHolding(String symbol, String quantity, String averageBuyPrice, String currentPrice,
                           String currentValue, String investedAmount, String profitLoss, BigDecimal profitLossPercentage,
                           BigDecimal percentageOfPortfolio, String realizedProfitLoss, String feesPaid,
                           long transactionsCount, String category, List<String> pricePath, List<PortfolioLot> costBasis) {
    }

    record PortfolioMetadata(Instant lastCalculated, String lastOrderProcessed, boolean needsRecalculation, String version,
                    String currency, String bookCurrency, List<String> unpricedAssets, String note) {
    }

    record PortfolioView(String userId, String currency, String totalValue, String totalInvested, String cashBalance,
                             String profitLoss, BigDecimal profitLossPercentage, String realizedProfitLoss,
                             String unrealizedProfitLoss, String feesPaid, List<PortfolioHolding> holdings,
                             Map<String, Map<String, Metrics.Metric>> metrics, PortfolioMetadata metadata) {
    }

    private final PortfolioRepository repository;
    private final SnapshotHistory history;
    private final Valuation valuation;
    private final MarketCatalog catalog;
    private final PortfolioProperties properties;
    private final Clock clock;

    PortfolioReport(PortfolioRepository repository, SnapshotHistory history, Valuation valuation, MarketCatalog catalog,
                    PortfolioProperties properties, Clock clock) {
        this.repository = repository;
        this.history = history;
        this.valuation = valuation;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    String currency(String requested) {
        String currency = requested == null || requested.isBlank() ? properties.bookCurrency()
                : requested.trim().toUpperCase(Locale.ROOT);
        if (!catalog.hasAsset(currency)) {
            throw ApiException.invalidField("currency", "unknown asset " + requested);
        }
        return currency;
    }

    PortfolioBook book(long userId) {
        return repository.book(userId, properties.bookCurrency())
                .orElseGet(() -> PortfolioBook.empty(userId, properties.bookCurrency()));
    }

    Valuation.Valued valued(PortfolioBook book, String currency) {
        return valuation.value(book, currency).orElseThrow(() -> ApiException.invalidField("currency",
                "no market path from " + properties.bookCurrency() + " to " + currency));
    }

    PortfolioView portfolio(long userId, String requestedCurrency) {
        String currency = currency(requestedCurrency);
        PortfolioBook book = book(userId);
        Valuation.Valued v = valued(book, currency);
        int places = catalog.assetScale(currency).orElse(8);
        Map<String, String> categories = repository.categories();
        List<PortfolioHolding> holdings = new ArrayList<>();
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Valuation.Position p : v.positions()) {
            Holding h = p.holding();
            BigDecimal pnl = p.value() == null ? null : p.value().subtract(p.cost());
            if (pnl != null) {
                unrealized = unrealized.add(pnl);
            }
            List<PortfolioLot> lots = h.lots().stream().map(l -> new PortfolioLot(Money.text(l.quantity()),
                    Money.text(l.price().multiply(v.toCurrency()), 8), Instant.ofEpochMilli(l.acquiredAt()),
                    l.orderId() == null ? null : l.orderId().toString())).toList();
            holdings.add(new PortfolioHolding(h.asset, Money.text(p.quantity()),
                    Money.text(h.averageBuyPrice.multiply(v.toCurrency()), 8), Money.text(p.price(), 8),
                    Money.text(p.value(), places), Money.text(p.cost(), places), Money.text(pnl, places),
                    Valuation.percent(pnl, p.cost()), Valuation.percent(p.value(), v.value()),
                    Money.text(h.realizedPnl.multiply(v.toCurrency()), places),
                    Money.text(h.feesPaid.multiply(v.toCurrency()), places), h.transactions,
                    categories.getOrDefault(h.asset, "other"), p.path(), lots));
        }
        BigDecimal invested = book.netInvested.multiply(v.toCurrency());
        BigDecimal profitLoss = v.value().subtract(invested);
        String note = v.unpriced().isEmpty() ? null
                : "no market path to " + currency + " for " + String.join(", ", v.unpriced())
                + ": listed with current_value null and left out of the totals";
        PortfolioMetadata metadata = new PortfolioMetadata(clock.instant(), book.lastOrderId == 0 ? null : Long.toString(book.lastOrderId),
                book.needsRecalculation, Long.toString(book.lastSequence), currency, properties.bookCurrency(),
                v.unpriced(), note);
        return new PortfolioView(Long.toString(userId), currency, Money.text(v.value(), places),
                Money.text(invested, places), Money.text(v.cash(), places), Money.text(profitLoss, places),
                Valuation.percent(profitLoss, invested), Money.text(book.realizedPnl.multiply(v.toCurrency()), places),
                Money.text(unrealized, places), Money.text(book.feesPaid.multiply(v.toCurrency()), places), holdings,
                metrics(book, v, categories), metadata);
    }

    /** The metrics, from the snapshots (book currency) and the valuation now. */
    Map<String, Map<String, Metrics.Metric>> metrics(long userId) {
        PortfolioBook book = book(userId);
        Valuation.Valued v = valued(book, properties.bookCurrency());
        return metrics(book, v, repository.categories());
    }

    private Map<String, Map<String, Metrics.Metric>> metrics(PortfolioBook book, Valuation.Valued v,
                                                             Map<String, String> categories) {
        Valuation.Valued inBook = v.currency().equals(properties.bookCurrency()) ? v
                : valued(book, properties.bookCurrency());
        long now = clock.millis();
        Snapshot current = new Snapshot(now, inBook.value(), book.netInvested, inBook.benchmark());
        List<Metrics.Position> positions = new ArrayList<>();
        if (inBook.cash().signum() > 0) {
            positions.add(new Metrics.Position(book.bookCurrency, inBook.cash(),
                    categories.getOrDefault(book.bookCurrency, "other"), null));
        }
        for (Valuation.Position p : inBook.positions()) {
            if (p.value() != null && p.value().signum() > 0) {
                Double ret = p.cost().signum() > 0
                        ? p.value().divide(p.cost(), 20, java.math.RoundingMode.HALF_EVEN).doubleValue() - 1 : null;
                positions.add(new Metrics.Position(p.holding().asset, p.value(),
                        categories.getOrDefault(p.holding().asset, "other"), ret));
            }
        }
        return Metrics.compute(history.all(book.userId, now - 366 * Metrics.DAY), current, positions,
                properties.riskFreeRate().doubleValue());
    }

    Map<String, Object> metricsResponse(long userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", Long.toString(userId));
        out.put("currency", properties.bookCurrency());
        out.put("calculated_at", clock.instant());
        out.put("risk_free_rate", properties.riskFreeRate().toPlainString());
        out.putAll(metrics(userId));
        return out;
    }
}
