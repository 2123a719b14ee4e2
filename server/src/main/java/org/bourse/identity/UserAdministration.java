package org.bourse.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.bourse.platform.DurableWrites;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The admin switch for accounts. A disabled user cannot log in and loses every refresh token at once. */
@Service
class UserAdministration {

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final SessionCache sessionCache;
    private final TransactionTemplate transaction;
    private final DurableWrites durableWrites;
    private final Clock clock;

    UserAdministration(UserRepository users, RefreshTokens refreshTokens, SessionCache sessionCache,
                       TransactionTemplate transaction, DurableWrites durableWrites, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessionCache = sessionCache;
        this.transaction = transaction;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /**
     * Access tokens already issued stay valid until they expire (at most the access-token lifetime): they are
     * verified without a database read.
     *
     * @return the user as now stored, or empty when there is no such user
     */
    Optional<User> setActive(long userId, boolean active) {
        Instant now = clock.instant();
        // One transaction: a user is never left disabled with refresh tokens that still work.
        Boolean found = transaction.execute(status -> {
            if (!users.setActive(userId, active, now)) {
                return false;
            }
            if (!active) {
                refreshTokens.revokeAllOf(userId, now);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(found)) {
            return Optional.empty();
        }
        durableWrites.flush();
        if (!active) {
            sessionCache.evict(userId);
        }
        return users.find(userId);
    }
}
