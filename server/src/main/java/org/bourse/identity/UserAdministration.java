package org.bourse.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bourse.platform.DurableWrites;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What admins change about users: the role ({@code admin} or {@code normal}) and whether the account is
 * active. A disabled user cannot log in and loses every refresh token at once. The exchange never loses its
 * last active admin this way: with no admin, only a restart's bootstrap token could make one again.
 */
@Service
class UserAdministration {

    sealed interface Change {
        record Updated(User user) implements Change {
        }

        record NoSuchUser() implements Change {
        }

        /** The change would leave no active admin. */
        record LastAdmin() implements Change {
        }
    }

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final SessionCache sessionCache;
    private final TransactionTemplate transaction;
    private final DurableWrites durableWrites;
    private final Clock clock;
    private final UserStates states;

    UserAdministration(UserRepository users, RefreshTokens refreshTokens, SessionCache sessionCache,
                       TransactionTemplate transaction, DurableWrites durableWrites, Clock clock, UserStates states) {
        this.states = states;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.sessionCache = sessionCache;
        this.transaction = transaction;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /**
     * A disabled user's access tokens stop working at once, on every node ({@link UserStates}); their open orders
     * are cancelled and their WebSocket sessions closed by the modules holding them. Admin routes read the
     * current role ({@link AdminRoles}), so a revoked admin loses them at once.
     *
     * @param role   {@code admin}, {@code normal}, or null to leave it
     * @param active the new state, or null to leave it
     */
    Change update(long userId, String role, Boolean active) {
        Instant now = clock.instant();
        // One transaction: a user is never left disabled with refresh tokens that still work, and the check for
        // the last admin holds until the change is committed.
        Change change = transaction.execute(status -> {
            Optional<User> before = users.find(userId);
            if (before.isEmpty()) {
                return new Change.NoSuchUser();
            }
            if (removesAnActiveAdmin(before.get(), role, active)) {
                List<Long> admins = users.lockActiveAdmins();
                if (admins.size() <= 1 && admins.contains(userId)) {
                    return new Change.LastAdmin();
                }
            }
            if (role != null) {
                users.setRole(userId, role, now);
            }
            if (active != null) {
                users.setActive(userId, active, now);
                if (!active) {
                    refreshTokens.revokeAllOf(userId, now);
                }
            }
            return new Change.Updated(before.get());
        });
        if (!(change instanceof Change.Updated)) {
            return change;
        }
        durableWrites.flush();
        sessionCache.evict(userId); // its cached copy holds the old role or state
        if (active != null) {
            states.changed(userId, active); // a disabled user's access tokens stop working now, on every node
        }
        return new Change.Updated(users.find(userId).orElseThrow());
    }

    private static boolean removesAnActiveAdmin(User user, String role, Boolean active) {
        boolean activeAdmin = User.ADMIN.equals(user.role()) && user.active();
        return activeAdmin && ((role != null && !User.ADMIN.equals(role)) || Boolean.FALSE.equals(active));
    }
}
