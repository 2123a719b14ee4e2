package org.bourse.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderStatus;
import org.bourse.exchange.MarketCatalog;
import org.bourse.platform.ApiException;
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.FieldViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The query parameters of a search as sent, turned into a {@link SearchQuery}. Every bad parameter is
 * reported at once, one {@code errors} row each, as {@code 400 VALIDATION_FAILED}.
 */
record SearchRequest(List<String> status, String type, String orderKind, String symbol, String minPrice,
                     String maxPrice, String minQuantity, String maxQuantity, String minTotal, String maxTotal,
                     String from, String to, String executedFrom, String executedTo, String q, String sort,
                     Integer limit, String cursor) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_Q = 64;
    private static final String STATUSES = "pending, open, partially_filled, executed, cancelled, failed";

    SearchQuery toQuery(Long userId, MarketCatalog catalog) {
        List<FieldViolation> errors = new ArrayList<>();
        SortedSet<String> statuses = statuses(errors);
        String side = type == null || type.isBlank() ? null : switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "buy" -> "buy";
            case "sell" -> "sell";
            default -> violation(errors, "type", "must be buy or sell");
        };
        String kind = orderKind == null || orderKind.isBlank() ? null
                : parse(errors, "order_kind", orderKind, k -> OrderKind.valueOf(k.toUpperCase(Locale.ROOT)).name()
                        .toLowerCase(Locale.ROOT), "must be one of limit, market, stop_market, stop_limit");
        String market = symbol == null || symbol.isBlank() ? null : symbol.strip().toUpperCase(Locale.ROOT);
        if (market != null && catalog.market(market).isEmpty()) {
            violation(errors, "symbol", "is not a listed market, e.g. BTC-USD");
        }
        BigDecimal minPrice = decimal(errors, "min_price", this.minPrice);
        BigDecimal maxPrice = decimal(errors, "max_price", this.maxPrice);
        BigDecimal minQuantity = decimal(errors, "min_quantity", this.minQuantity);
        BigDecimal maxQuantity = decimal(errors, "max_quantity", this.maxQuantity);
        BigDecimal minTotal = decimal(errors, "min_total", this.minTotal);
        BigDecimal maxTotal = decimal(errors, "max_total", this.maxTotal);
        range(errors, "min_price", minPrice, maxPrice);
        range(errors, "min_quantity", minQuantity, maxQuantity);
        range(errors, "min_total", minTotal, maxTotal);
        Instant from = time(errors, "from", this.from);
        Instant to = time(errors, "to", this.to);
        Instant executedFrom = time(errors, "executed_from", this.executedFrom);
        Instant executedTo = time(errors, "executed_to", this.executedTo);
        range(errors, "from", from, to);
        range(errors, "executed_from", executedFrom, executedTo);
        String prefix = q == null || q.isBlank() ? null : q.strip();
        if (prefix != null && prefix.length() > MAX_Q) {
            violation(errors, "q", "must be at most " + MAX_Q + " characters");
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            violation(errors, "limit", "must be between 1 and " + MAX_LIMIT);
        } else if (limit != null) {
            size = limit;
        }
        SearchSort order = SearchSort.DEFAULT;
        SearchCursor.Position after = null;
        try {
            order = SearchSort.parse(sort);
            after = SearchCursor.decode(cursor, order);
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The search is not valid",
                    errors, HttpHeaders.EMPTY);
        }
        return new SearchQuery(userId, statuses, side, kind, market, minPrice, maxPrice, minQuantity, maxQuantity,
                minTotal, maxTotal, from, to, executedFrom, executedTo, prefix, order, after, size);
    }

    /** {@code status} repeated, or comma-separated, or both. */
    private SortedSet<String> statuses(List<FieldViolation> errors) {
        SortedSet<String> statuses = new TreeSet<>();
        if (status == null) {
            return statuses;
        }
        for (String value : status) {
            for (String one : value.split(",")) {
                if (!one.isBlank()) {
                    String name = parse(errors, "status", one, s -> OrderStatus.valueOf(s.toUpperCase(Locale.ROOT))
                            .name().toLowerCase(Locale.ROOT), "must be one of " + STATUSES);
                    if (name != null) {
                        statuses.add(name);
                    }
                }
            }
        }
        return statuses;
    }

    private static String parse(List<FieldViolation> errors, String field, String value, Function<String, String> parser,
                                String message) {
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException e) {
            return violation(errors, field, message);
        }
    }

    private static BigDecimal decimal(List<FieldViolation> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(value.strip());
            if (decimal.signum() < 0) {
                violation(errors, field, "must not be negative");
                return null;
            }
            if (decimal.precision() - decimal.scale() > 20 || decimal.scale() > 18) {
                violation(errors, field, "must have at most 20 digits before the point and 18 after");
                return null;
            }
            return decimal;
        } catch (NumberFormatException e) {
            violation(errors, field, "must be a decimal number, e.g. 0.5");
            return null;
        }
    }

    private static Instant time(List<FieldViolation> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            violation(errors, field, "must be an ISO-8601 UTC time, e.g. 2026-11-22T14:03:07Z");
            return null;
        }
    }

    private static <T extends Comparable<T>> void range(List<FieldViolation> errors, String field, T min, T max) {
        if (min != null && max != null && min.compareTo(max) > 0) {
            String other = field.startsWith("min_") ? "max_" + field.substring(4)
                    : field.equals("from") ? "to" : "executed_to";
            violation(errors, field, "must not be greater than " + other);
        }
    }

    private static String violation(List<FieldViolation> errors, String field, String message) {
        errors.add(new FieldViolation(field, message));
        return null;
    }
}
