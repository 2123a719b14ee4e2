package org.bourse.chain.evm;

import java.math.BigInteger;
import java.util.HexFormat;

/** {@code 0x}-prefixed hexadecimal, as JSON-RPC speaks it. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /** A quantity: {@code 0x} and the shortest hex digits ({@code 0x0} for zero), as JSON-RPC wants numbers. */
    public static String quantity(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative quantity " + value);
        }
        return "0x" + value.toString(16);
    }

    public static String quantity(long value) {
        return quantity(BigInteger.valueOf(value));
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code 0x} and an even number of hex digits */
    public static byte[] bytes(String text) {
        String digits = strip(text);
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        return LOWER.parseHex(digits);
    }

    public static BigInteger number(String text) {
        String digits = strip(text);
        return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
    }

    private static String strip(String text) {
        if (text == null || !text.startsWith("0x")) {
            throw new IllegalArgumentException("not 0x-prefixed hex");
        }
        return text.substring(2);
    }
}
