package org.bourse.engine.command;

/** Cancels, as expired, every pending order created at or before {@code createdAtOrBefore} (epoch ms). */
public record ExpirePendingOrders(long createdAtOrBefore, String traceId) implements Command {
}
