package org.bourse.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** How the API spells engine values: lower-case names, decimals as plain strings, times as ISO-8601 UTC. */
final class ApiText {

    private ApiText() {
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static String decimal(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
