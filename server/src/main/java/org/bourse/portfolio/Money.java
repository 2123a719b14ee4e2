package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The portfolio's decimals: amounts in the book currency and quantities, stored as NUMERIC(38,18). */
final class Money {

    /** Places kept in storage; the only rounding is a partly consumed lot's cost share and a cross rate. */
    static final int SCALE = 18;

    private Money() {
    }

    static BigDecimal stored(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** A decimal for the API: no trailing zeros, never in exponent form. */
    static String text(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }

    /** An amount shown in a currency: rounded (half-even) to {@code places}, trailing zeros kept like balances. */
    static String text(BigDecimal value, int places) {
        return value == null ? null : value.setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }
}
