package org.bourse.marketdata;

import java.util.Arrays;
import java.util.Optional;

/** The candle widths the API offers; buckets start at multiples of the width since the epoch (UTC). */
enum CandleInterval {
    M1("1m", 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    H1("1h", 3_600_000L),
    H4("4h", 4 * 3_600_000L),
    D1("1d", 24 * 3_600_000L);

    static final String NAMES = "1m, 5m, 15m, 1h, 4h or 1d";

    private final String code;
    private final long millis;

    CandleInterval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    static Optional<CandleInterval> of(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }

    String code() {
        return code;
    }

    long millis() {
        return millis;
    }

    /** The start of the bucket holding {@code epochMillis}. */
    long openTime(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }
}
