package org.bourse.engine.command;

/**
 * Moves available funds from one user to another, atomically (seed 003's purchase). Idempotent per sender on
 * {@code transactionId}: the same id with the same content answers the first outcome, with other content it
 * is refused.
 */
public record Transfer(String transactionId, long fromUserId, long toUserId, String asset, long amount, String memo,
                       String traceId) implements Command {
}
