package org.bourse.engine.command;

/**
 * Opens a user's account with its opening balance, credited from the treasury as a deposit under the
 * transaction id {@link #TRANSACTION_ID}. Idempotent for ever, not only within the idempotency window: an account
 * that exists already, however it came to exist, is left as it is, so a retry (a login after a crash lost the
 * record that the account was opened, months later) can never credit twice. {@code amount} 0 opens an empty
 * account.
 */
public record OpenFundedAccount(long userId, String asset, long amount, String traceId) implements Command {

    public static final String TRANSACTION_ID = "initial-balance";
}
