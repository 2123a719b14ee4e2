package org.bourse.engine.command;

/** Debits a user's available funds to the treasury. Idempotent per user on {@code transactionId}. */
public record Withdraw(String transactionId, long userId, String asset, long amount, String traceId) implements Command {
}
