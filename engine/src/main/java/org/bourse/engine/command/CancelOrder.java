package org.bourse.engine.command;

/** Cancels the user's live order (pending, resting or waiting for its trigger) and releases what it holds. */
public record CancelOrder(long userId, long orderId, String traceId) implements Command {
}
