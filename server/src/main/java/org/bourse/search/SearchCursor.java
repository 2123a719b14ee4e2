package org.bourse.search;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bourse.platform.ApiException;

/**
 * The opaque {@code cursor} of a search: the sort it belongs to and the last row's sort value and id. The next
 * page is the rows strictly after that (value, id) in the sort's order, so rows inserted meanwhile never shift
 * the pages (keyset paging): each match present from first page to last is seen exactly once.
 */
final class SearchCursor {

    private static final String PREFIX = "s1|";

    private SearchCursor() {
    }

    /** A position in one sort: the sort value (epoch ms or a decimal) and the order id. */
    record Position(String sort, String value, long id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((PREFIX + sort + "|" + value + "|" + id).getBytes(StandardCharsets.US_ASCII));
        }

        long timeValue() {
            return Long.parseLong(value);
        }

        BigDecimal decimalValue() {
            return new BigDecimal(value);
        }
    }

    /** @return the position, or null when no cursor was sent; a cursor of another sort or not ours is a 400 */
    static Position decode(String cursor, SearchSort sort) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = text.split("\\|", -1);
            if (parts.length == 4 && text.startsWith(PREFIX)) {
                if (!parts[1].equals(sort.parameter())) {
                    throw ApiException.invalidField("cursor", "belongs to sort " + parts[1] + "; send the same sort with it");
                }
                Position position = new Position(parts[1], parts[2], Long.parseLong(parts[3]));
                if (sort.field().isTime()) {
                    position.timeValue();
                } else {
                    position.decimalValue();
                }
                return position;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below (NumberFormatException is one too)
        }
        throw ApiException.invalidField("cursor", "is not a cursor this search returned");
    }
}
