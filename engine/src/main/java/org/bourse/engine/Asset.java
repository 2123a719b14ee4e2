package org.bourse.engine;

/**
 * An asset and its precision: every amount of it is a {@code long} count of minor units, {@code 10^-scale}
 * of one whole unit (USD scale 2: cents; BTC scale 8: satoshis). {@code index} is its slot in account arrays.
 */
public record Asset(int index, String code, int scale) {

    public static final int MAX_SCALE = 18;

    /** {@code 10^scale}: minor units in one whole unit. */
    public long unit() {
        return Money.pow10(scale);
    }
}
