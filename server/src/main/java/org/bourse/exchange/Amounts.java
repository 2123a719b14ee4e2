package org.bourse.exchange;

import java.math.BigDecimal;

import org.bourse.platform.ApiException;

/** Decimals at the API edge to and from the engine's {@code long} minor units, exactly or not at all. */
public final class Amounts {

    private Amounts() {
    }

    /** @throws ArithmeticException when {@code value} has more than {@code scale} places or does not fit a long */
    public static long minor(BigDecimal value, int scale) {
        return value.movePointRight(scale).stripTrailingZeros().longValueExact();
    }

    /**
     * A positive request field in minor units of an asset with {@code scale} decimals; anything else is a
     * {@code 400} naming the field: never a silent rounding.
     */
    public static long positive(String field, BigDecimal value, int scale) {
        if (value.signum() <= 0) {
            throw ApiException.invalidField(field, "must be positive");
        }
        try {
            return value.movePointRight(scale).longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.invalidField(field, value.stripTrailingZeros().scale() > scale
                    ? "has more than " + scale + " decimal places" : "is too large");
        }
    }

    public static BigDecimal decimal(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale);
    }
}
