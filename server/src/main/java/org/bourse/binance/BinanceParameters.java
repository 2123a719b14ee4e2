package org.bourse.binance;

import java.math.BigDecimal;

/** Parsing of Binance's query parameters, each refusal naming the parameter in Binance's words. */
final class BinanceParameters {

    private BinanceParameters() {
    }

    static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return Math.min(n, max); // Binance clamps a limit above its maximum rather than refusing it
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BinanceException.invalid("limit", "must be a whole number from 1");
    }

    static Long optionalLong(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw BinanceException.invalid(name, "must be a whole number");
        }
    }

    static BigDecimal decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(value.strip());
            if (decimal.signum() < 0) {
                throw BinanceException.invalid(name, "must not be negative");
            }
            return decimal;
        } catch (NumberFormatException e) {
            throw BinanceException.invalid(name, "must be a decimal number");
        }
    }
}
