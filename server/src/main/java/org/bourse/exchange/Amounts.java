package org.bourse.exchange;

import java.math.BigDecimal;

/** Decimals at the API edge to and from the engine's {@code long} minor units, exactly or not at all. */
public final class Amounts {

    private Amounts() {
    }

    /** @throws ArithmeticException when {@code value} has more than {@code scale} places or does not fit a long */
    public static long minor(BigDecimal value, int scale) {
        return value.movePointRight(scale).stripTrailingZeros().longValueExact();
    }

    public static BigDecimal decimal(long minor, int scale) {
        return BigDecimal.valueOf(minor, scale);
    }
}
