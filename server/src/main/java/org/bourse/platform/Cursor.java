package org.bourse.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of paged lists: it encodes the position after the last item returned (a
 * descending id). Clients pass it back unchanged; anything else is a 400 naming the parameter.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";

    private Cursor() {
    }

    public static String after(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the id the cursor stands for, or null when no cursor was sent */
    public static Long position(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw ApiException.invalidField("cursor", "is not a cursor this API returned");
    }

    /** The page size: {@code limit} when given (1 to 1000), else 100. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return 100;
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalidField("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
