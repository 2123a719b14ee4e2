package org.bourse.engine.command;

/** Executes the user's pending order: holds its funds and matches it. */
public record ExecuteOrder(long userId, long orderId, String traceId) implements Command {
}
