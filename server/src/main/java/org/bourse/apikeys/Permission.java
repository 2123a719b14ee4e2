package org.bourse.apikeys;

import java.util.Locale;
import java.util.Optional;

/** What a key may do: read the account, trade, withdraw. Each is granted on its own; none implies another. */
public enum Permission {
    READ, TRADE, WITHDRAW;

    /** The API's spelling: {@code read}, {@code trade}, {@code withdraw}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Permission> of(String code) {
        for (Permission p : values()) {
            if (p.code().equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
