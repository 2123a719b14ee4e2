package org.bourse.engine.command;

/** Credits a user from the treasury (the outside world). Idempotent per user on {@code transactionId}. */
public record Deposit(String transactionId, long userId, String asset, long amount, String traceId) implements Command {
}
