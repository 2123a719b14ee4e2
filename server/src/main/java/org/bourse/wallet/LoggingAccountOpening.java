package org.bourse.wallet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/**
 * Interim stand-in until the engine-backed wallet exists: it only logs what it was asked to do. Marked
 * {@link Fallback}, so any other {@link AccountOpening} bean replaces it without touching this class.
 */
@Component
@Fallback
final class LoggingAccountOpening implements AccountOpening {

    private static final Logger log = LoggerFactory.getLogger(LoggingAccountOpening.class);

    private final InitialBalance initialBalance;

    LoggingAccountOpening(InitialBalance initialBalance) {
        this.initialBalance = initialBalance;
    }

    @Override
    public void openAccount(long userId, String traceId) {
        log.info("Account opening requested for user {} with {} (trace {}); no wallet yet, nothing credited",
                userId, initialBalance, traceId);
    }
}
