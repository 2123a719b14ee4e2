package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

/** The split products of {@link Money} at the edge of a {@code long}: exact inside it, a throw past it, never a wrap. */
class MoneyTest {

    /** {@code (d - 1) * b} is {@code 2^63 - 2^31}: the largest remainder product still fits. */
    private static final long D = 1L << 32;
    private static final long B_FITS = 1L << 31;
    /** One more and {@code (d - 1) * b} passes {@code Long.MAX_VALUE}. */
    private static final long B_OVERFLOWS = B_FITS + 1;
    /** A multiple of {@code d} plus the largest remainder, so the remainder product is the largest one. */
    private static final long A = 3 * D + (D - 1);

    @Test
    void productsWhoseRemainderPartJustFitsAreExact() {
        assertThat(Money.mulDivFloor(A, B_FITS, D)).isEqualTo(exact(A, B_FITS, D, RoundingMode.FLOOR));
        assertThat(Money.mulDivCeil(A, B_FITS, D)).isEqualTo(exact(A, B_FITS, D, RoundingMode.CEILING));
    }

    @Test
    void aRoundedDownProductPastALongThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.mulDivFloor(A, B_OVERFLOWS, D)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aRoundedUpProductPastALongThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.mulDivCeil(A, B_OVERFLOWS, D)).isInstanceOf(ArithmeticException.class);
    }

    private static long exact(long a, long b, long d, RoundingMode rounding) {
        BigInteger[] quotient = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(d));
        boolean roundUp = rounding == RoundingMode.CEILING && quotient[1].signum() != 0;
        return quotient[0].add(roundUp ? BigInteger.ONE : BigInteger.ZERO).longValueExact();
    }
}
