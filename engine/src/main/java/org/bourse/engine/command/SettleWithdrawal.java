package org.bourse.engine.command;

/**
 * Pays out the withdrawal held under the user's {@code transactionId}: its amount leaves for the treasury (the
 * world outside) and its fee goes to the fee account, both from held funds. {@code reference} says where the
 * money went (a chain transaction hash, a bank reference) and is the ledger lines' transaction id. Repeating it
 * with the same reference is answered as a replay.
 */
public record SettleWithdrawal(String transactionId, long userId, String reference, String traceId) implements Command {
}
