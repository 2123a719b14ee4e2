package org.bourse.bench.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One market's rules as {@code GET /markets} lists them. Prices are counted in ticks and quantities in
 * lots, so every price and quantity the generator sends is valid by construction.
 */
record MarketRules(String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize, BigDecimal lotSize,
                   BigDecimal minQuantity, BigDecimal minNotional) {

    /** A plausible price for each market listed at first start, used when there is no ticker to ask. */
    private static final Map<String, String> REFERENCE_PRICES = Map.of(
            "BTC-USD", "50000.00", "ETH-USD", "3000.00", "SOL-USD", "150.00", "ETH-BTC", "0.05000",
            "VIB-BRL", "1.00");

    static Optional<MarketRules> find(List<Object> markets, String symbol) {
        for (Object item : markets) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            if (symbol.equals(Json.text(m, "symbol"))) {
                return Optional.of(new MarketRules(symbol, Json.text(m, "base_asset"), Json.text(m, "quote_asset"),
                        decimal(m, "tick_size"), decimal(m, "lot_size"), decimal(m, "min_quantity"),
                        decimal(m, "min_notional")));
            }
        }
        return Optional.empty();
    }

    static Optional<BigDecimal> referencePrice(String symbol) {
        return Optional.ofNullable(REFERENCE_PRICES.get(symbol)).map(BigDecimal::new);
    }

    /** The nearest whole number of ticks to {@code price}, at least one. */
    long ticks(BigDecimal price) {
        return Math.max(1, price.divide(tickSize, 0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * The smallest quantity, in lots, worth at least twice the minimum order value at {@code midTicks}: small
     * orders keep the funds a trader needs modest, and twice the minimum keeps every price around the mid valid.
     */
    long unitLots(long midTicks) {
        BigDecimal price = tickSize.multiply(BigDecimal.valueOf(midTicks));
        long byQuantity = minQuantity.divide(lotSize, 0, RoundingMode.CEILING).longValueExact();
        long byValue = minNotional.multiply(BigDecimal.TWO).divide(price.multiply(lotSize), 0, RoundingMode.CEILING)
                .longValueExact();
        return Math.max(1, Math.max(byQuantity, byValue));
    }

    String price(long ticks) {
        return tickSize.multiply(BigDecimal.valueOf(ticks)).toPlainString();
    }

    String quantity(long lots) {
        return lotSize.multiply(BigDecimal.valueOf(lots)).toPlainString();
    }

    BigDecimal quantityValue(long lots) {
        return lotSize.multiply(BigDecimal.valueOf(lots));
    }

    BigDecimal priceValue(long ticks) {
        return tickSize.multiply(BigDecimal.valueOf(ticks));
    }

    private static BigDecimal decimal(Map<String, Object> market, String field) {
        String text = Json.text(market, field);
        if (text == null) {
            throw new IllegalArgumentException("GET /markets lists no " + field + " for " + Json.text(market, "symbol"));
        }
        return new BigDecimal(text);
    }
}
