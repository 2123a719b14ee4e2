package org.bourse.marketdata.ws;

import java.util.Locale;
import java.util.Set;

/**
 * One stream a socket can subscribe to, parsed from its name: {@code book:BTC-USD}, {@code trades:BTC-USD},
 * {@code ticker:BTC-USD}, {@code candles:BTC-USD:1m}, or the caller's own {@code orders}, {@code fills},
 * {@code balances}. Symbols are upper-cased, so {@link #name()} is the canonical spelling.
 */
record Channel(Kind kind, String symbol, String interval) {

    static final Set<String> INTERVALS = Set.of("1m", "5m", "15m", "1h", "4h", "1d");

    enum Kind {
        BOOK, TRADES, TICKER, CANDLES, ORDERS, FILLS, BALANCES, NOTIFICATIONS;

        boolean isPrivate() {
            return this == ORDERS || this == FILLS || this == BALANCES || this == NOTIFICATIONS;
        }

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return null when the name is not a channel */
    static Channel parse(String name) {
        String[] parts = name.split(":", -1);
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!parts[0].equals(kind.prefix())) {
            return null;
        }
        if (kind.isPrivate()) {
            return parts.length == 1 ? new Channel(kind, null, null) : null;
        }
        if (kind == Kind.CANDLES) {
            return parts.length == 3 && !parts[1].isEmpty() && INTERVALS.contains(parts[2])
                    ? new Channel(kind, parts[1].toUpperCase(Locale.ROOT), parts[2]) : null;
        }
        return parts.length == 2 && !parts[1].isEmpty() ? new Channel(kind, parts[1].toUpperCase(Locale.ROOT), null) : null;
    }

    String name() {
        return switch (kind) {
            case ORDERS, FILLS, BALANCES, NOTIFICATIONS -> kind.prefix();
            case CANDLES -> kind.prefix() + ":" + symbol + ":" + interval;
            default -> kind.prefix() + ":" + symbol;
        };
    }

    /** Where the hub files the subscription: the channel's name, qualified by the user for private ones. */
    String key(long userId) {
        return kind.isPrivate() ? name() + "#" + userId : name();
    }
}
