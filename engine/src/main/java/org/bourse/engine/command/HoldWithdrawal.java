package org.bourse.engine.command;

/**
 * Reserves {@code amount + fee} of the user's available funds for a withdrawal that is yet to be paid out (on a
 * chain, or by an administrator): the funds move from available to held and stay there until
 * {@link SettleWithdrawal} pays them out or {@link ReleaseWithdrawal} gives them back. Both amounts are minor
 * units of {@code asset}; {@code fee} goes to the fee account when the withdrawal settles. Idempotent per user on
 * {@code transactionId}, which is required.
 */
public record HoldWithdrawal(String transactionId, long userId, String asset, long amount, long fee, String traceId)
        implements Command {
}
