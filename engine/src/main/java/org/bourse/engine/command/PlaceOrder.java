package org.bourse.engine.command;

import org.bourse.engine.OrderKind;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;

/**
 * Creates an order, and with {@code execute} also executes it at once; without, the order stays
 * {@code PENDING} until {@link ExecuteOrder} (seed 000's two steps). {@code price} is the limit of limit and
 * stop-limit orders and is ignored for the others, whose protection price the engine derives from the
 * market's price (or the stop price) and its slippage bound. A market buy may give {@code quoteBudget}
 * (quote minor units to spend, fees included) instead of a {@code quantity}.
 */
public record PlaceOrder(long userId, String clientOrderId, String market, Side side, OrderKind kind,
                         TimeInForce timeInForce, boolean postOnly, long price, long stopPrice, long quantity,
                         long quoteBudget, boolean execute, String traceId) implements Command {
}
