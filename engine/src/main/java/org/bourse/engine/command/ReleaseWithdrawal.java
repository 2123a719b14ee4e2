package org.bourse.engine.command;

/**
 * Gives the funds held for the user's withdrawal {@code transactionId} back to available, exactly (rejected by an
 * administrator, or failed on chain). Repeating it is answered as a replay.
 */
public record ReleaseWithdrawal(String transactionId, long userId, String traceId) implements Command {
}
