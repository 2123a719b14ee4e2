package org.bourse.search;

import java.util.Locale;

import org.bourse.platform.ApiException;

/** API.md's {@code sort}: a field, {@code -} before it for descending; ties are broken by the order id the same way. */
record SearchSort(Field field, boolean descending) {

    static final SearchSort DEFAULT = new SearchSort(Field.CREATED_AT, true);

    /** The sortable fields and their column in {@code order_search}. */
    enum Field {
        CREATED_AT("created_at"), EXECUTED_AT("executed_at"), PRICE("price"), QUANTITY("quantity"),
        TOTAL_AMOUNT("total_amount");

        final String column;

        Field(String column) {
            this.column = column;
        }

        /** Whether the column holds epoch milliseconds (a long) rather than a decimal. */
        boolean isTime() {
            return this == CREATED_AT || this == EXECUTED_AT;
        }
    }

    static SearchSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return DEFAULT;
        }
        String text = sort.strip();
        boolean descending = text.startsWith("-");
        String name = descending ? text.substring(1) : text.startsWith("+") ? text.substring(1) : text;
        for (Field field : Field.values()) {
            if (field.column.equals(name.toLowerCase(Locale.ROOT))) {
                return new SearchSort(field, descending);
            }
        }
        throw ApiException.invalidField("sort",
                "must be one of created_at, executed_at, price, quantity, total_amount, with - before it for descending");
    }

    String parameter() {
        return (descending ? "-" : "") + field.column;
    }
}
