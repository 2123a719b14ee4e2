package org.bourse.identity;

import java.time.Instant;

/**
 * A registered user as stored. {@code passwordHash} is bcrypt and never leaves this package;
 * {@code accountOpenedAt} is null until the wallet has confirmed opening the user's account.
 */
record User(long id, String username, String email, String passwordHash, String role, boolean active,
            Instant createdAt, Instant updatedAt, Instant lastLogin, Instant accountOpenedAt, boolean emailVerified) {

    static final String NORMAL = "normal";
    static final String ADMIN = "admin";
}
