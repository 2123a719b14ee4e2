package org.bourse.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/**
 * One search, validated and normalized: every filter in a canonical form (statuses sorted, names upper case,
 * decimals stripped of trailing zeros), so two requests asking the same thing have the same {@link #key()}.
 * Null means "any". Prices, quantities and totals are exact decimals; times are epoch milliseconds.
 *
 * @param userId the owner searched, or null for every user (the admin's search)
 * @param statuses engine status names; empty for any
 * @param type {@code BUY} or {@code SELL}
 * @param before the cursor: the page begins after this position
 */
record SearchQuery(Long userId, SortedSet<String> statuses, String type, String orderKind, String symbol,
                   BigDecimal minPrice, BigDecimal maxPrice, BigDecimal minQuantity, BigDecimal maxQuantity,
                   BigDecimal minTotal, BigDecimal maxTotal, Instant from, Instant to, Instant executedFrom,
                   Instant executedTo, String q, SearchSort sort, SearchCursor.Position after, int limit) {

    /** The cache key within one user's (or the admin's) results: everything that changes the answer. */
    String key() {
        return String.join("|", List.of(String.join(",", statuses), text(type), text(orderKind), text(symbol),
                text(minPrice), text(maxPrice), text(minQuantity), text(maxQuantity), text(minTotal), text(maxTotal),
                text(from), text(to), text(executedFrom), text(executedTo), q == null ? "" : "q=" + q, sort.parameter(),
                after == null ? "" : after.encode(), Integer.toString(limit)));
    }

    /** The same search without its page position: what {@code total} and {@code facets} count. */
    SearchQuery wholeResult() {
        return new SearchQuery(userId, statuses, type, orderKind, symbol, minPrice, maxPrice, minQuantity, maxQuantity,
                minTotal, maxTotal, from, to, executedFrom, executedTo, q, sort, null, limit);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : value.toString();
    }
}
