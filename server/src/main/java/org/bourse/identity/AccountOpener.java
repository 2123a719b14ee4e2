package org.bourse.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bourse.wallet.AccountOpening;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the wallet to open a user's account (and credit the opening balance) until it has said yes once. A
 * failure is retried a few times at once, which {@link AccountOpening} allows because it is idempotent per
 * user id; if it still fails, the caller hears of it ({@link NotOpened}): a user must never be told they are
 * registered, or be logged in, with an account that silently got no money. Registration asks right after the
 * user row is committed; a login asks again while the account is not open (a crash in between).
 */
@Component
class AccountOpener {

    /** The wallet failed on every attempt; the cause is the last failure. */
    static final class NotOpened extends RuntimeException {
        NotOpened(long userId, RuntimeException cause) {
            super("Could not open the account of user " + userId, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AccountOpener.class);
    /** Pauses before the second and third attempts: enough for a busy engine's queue to move on. */
    private static final List<Duration> RETRY_PAUSES = List.of(Duration.ofMillis(50), Duration.ofMillis(250));

    private final AccountOpening wallet;
    private final UserRepository users;
    private final Clock clock;

    AccountOpener(AccountOpening wallet, UserRepository users, Clock clock) {
        this.wallet = wallet;
        this.users = users;
        this.clock = clock;
    }

    /** @throws NotOpened when the wallet failed on every attempt */
    void openIfPending(User user, String traceId) {
        if (user.accountOpenedAt() != null) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                wallet.openAccount(user.id(), traceId);
                break;
            } catch (RuntimeException e) {
                if (attempt == RETRY_PAUSES.size()) {
                    log.error("Could not open the account of user {} after {} attempts", user.id(), attempt + 1, e);
                    throw new NotOpened(user.id(), e);
                }
                log.warn("Opening the account of user {} failed ({}); trying again", user.id(), e.toString());
                pause(RETRY_PAUSES.get(attempt));
            }
        }
        users.recordAccountOpened(user.id(), clock.instant());
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening an account", e);
        }
    }
}
