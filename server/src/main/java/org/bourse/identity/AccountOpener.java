package org.bourse.identity;

import java.time.Clock;

import org.bourse.wallet.AccountOpening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the wallet to open a user's account until it has said yes once. Registration asks right after the
 * user row is committed; when the wallet fails (or the server stopped in between), the user is still
 * registered and the next successful login asks again, which {@link AccountOpening} allows because it is
 * idempotent per user id.
 */
@Component
class AccountOpener {

    private static final Logger log = LoggerFactory.getLogger(AccountOpener.class);

    private final AccountOpening wallet;
    private final UserRepository users;
    private final Clock clock;

    AccountOpener(AccountOpening wallet, UserRepository users, Clock clock) {
        this.wallet = wallet;
        this.users = users;
        this.clock = clock;
    }

    void openIfPending(User user, String traceId) {
        if (user.accountOpenedAt() != null) {
            return;
        }
        try {
            wallet.openAccount(user.id(), traceId);
        } catch (RuntimeException e) {
            log.error("Could not open the account of user {}; it is retried at the user's next login", user.id(), e);
            return;
        }
        users.recordAccountOpened(user.id(), clock.instant());
    }
}
