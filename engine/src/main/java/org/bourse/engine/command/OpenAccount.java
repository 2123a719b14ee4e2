package org.bourse.engine.command;

/** Opens a user's account (empty). Opening an open account changes nothing. */
public record OpenAccount(long userId, String traceId) implements Command {
}
