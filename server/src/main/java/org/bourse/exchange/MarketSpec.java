package org.bourse.exchange;

import java.math.BigDecimal;

import org.bourse.engine.Market;
import org.bourse.engine.MarketStatus;

/**
 * A market's rules as the API shows them, with the conversions between the API's decimals and the engine's
 * minor units. Prices are in the quote asset's precision, quantities in the base asset's.
 */
public record MarketSpec(String symbol, String baseAsset, String quoteAsset, int baseScale, int quoteScale,
                         long tickSize, long lotSize, long minQuantity, long minNotional, long makerFeePpm,
                         long takerFeePpm, long maxPrice, long maxQuantity, MarketStatus status) {

    static MarketSpec of(Market m) {
        return new MarketSpec(m.symbol(), m.base().code(), m.quote().code(), m.base().scale(), m.quote().scale(),
                m.tickSize(), m.lotSize(), m.minQuantity(), m.minNotional(), m.makerFeePpm(), m.takerFeePpm(),
                m.maxPrice(), m.maxQuantity(), m.status());
    }

    public boolean trading() {
        return status == MarketStatus.TRADING;
    }

    /** A price in quote minor units per whole base unit, as a decimal. */
    public BigDecimal price(long minor) {
        return BigDecimal.valueOf(minor, quoteScale);
    }

    public BigDecimal quantity(long minor) {
        return BigDecimal.valueOf(minor, baseScale);
    }

    /** An amount of the quote asset. */
    public BigDecimal quoteAmount(long minor) {
        return BigDecimal.valueOf(minor, quoteScale);
    }

    public static BigDecimal rate(long ppm) {
        return BigDecimal.valueOf(ppm, 6).stripTrailingZeros();
    }

    /** @throws ArithmeticException when the decimal has more places than the quote asset allows, or is too large */
    public long priceMinor(BigDecimal price) {
        return Amounts.minor(price, quoteScale);
    }

    public long quantityMinor(BigDecimal quantity) {
        return Amounts.minor(quantity, baseScale);
    }

    public long quoteMinor(BigDecimal amount) {
        return Amounts.minor(amount, quoteScale);
    }

    /** The average price of a fill history: the exact value traded over the quantity, in the quote's precision. */
    public BigDecimal averagePrice(long filledNotional, long filledQuantity) {
        if (filledQuantity == 0) {
            return null;
        }
        // value [quote minor] * baseUnit / quantity [base minor] = quote minor per whole base unit
        BigDecimal perUnit = BigDecimal.valueOf(filledNotional).movePointRight(baseScale)
                .divide(BigDecimal.valueOf(filledQuantity), 0, java.math.RoundingMode.HALF_EVEN);
        return BigDecimal.valueOf(perUnit.longValueExact(), quoteScale);
    }
}
