package org.bourse.engine;

/**
 * Exact integer arithmetic on minor units. Products that could exceed a {@code long} are split so the
 * intermediate never overflows, and every remaining overflow throws instead of wrapping; callers check the
 * bounds of an order before matching so that these throws are bugs, never user input.
 */
public final class Money {

    /** Fee rates are parts per million: 1 000 ppm = 0.1 %. */
    public static final long PPM = 1_000_000L;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Money() {
    }

    public static long pow10(int exponent) {
        return POW10[exponent];
    }

    /**
     * {@code floor(a * b / d)} for {@code a, b >= 0, d > 0}, exact while {@code (d - 1) * b} fits a long; past
     * that it throws {@link ArithmeticException} rather than return a wrapped product.
     */
    public static long mulDivFloor(long a, long b, long d) {
        return Math.addExact(Math.multiplyExact(a / d, b), Math.multiplyExact(a % d, b) / d);
    }

    /** {@code ceil(a * b / d)} under the same conditions as {@link #mulDivFloor}. */
    public static long mulDivCeil(long a, long b, long d) {
        long whole = Math.multiplyExact(a / d, b);
        long part = Math.multiplyExact(a % d, b);
        return Math.addExact(whole, part / d + (part % d == 0 ? 0 : 1));
    }

    /** The quote value of {@code quantity} base minor units at {@code price} (quote minor units per whole base), rounded down. */
    public static long notionalFloor(long price, long quantity, long baseUnit) {
        return mulDivFloor(quantity, price, baseUnit);
    }

    /** The same, rounded up: what a buyer is charged. */
    public static long notionalCeil(long price, long quantity, long baseUnit) {
        return mulDivCeil(quantity, price, baseUnit);
    }

    /** A fee on {@code amount} at {@code ratePpm}, rounded up: in the exchange's favour. */
    public static long feeCeil(long amount, long ratePpm) {
        return mulDivCeil(amount, ratePpm, PPM);
    }
}
