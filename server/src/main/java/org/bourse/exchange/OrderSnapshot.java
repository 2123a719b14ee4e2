package org.bourse.exchange;

import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderState;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;

/**
 * An order as the engine left it after a change, copied off the engine thread. Amounts in minor units
 * (prices: quote minor units per whole base unit; quantities: base minor units; money: quote minor units).
 *
 * @param sequence the command that made this change
 */
public record OrderSnapshot(long id, long userId, String symbol, Side side, OrderKind kind, TimeInForce timeInForce,
                            boolean postOnly, long price, long stopPrice, long quotedPrice, long quantity,
                            long quoteBudget, long filled, long filledNotional, long settled, long fees,
                            OrderStatus status, RejectReason reason, String clientOrderId, String traceId,
                            long createdAt, long updatedAt, long sequence) {

    static OrderSnapshot of(OrderState o, long sequence) {
        return new OrderSnapshot(o.id(), o.userId(), o.market().symbol(), o.side(), o.kind(), o.timeInForce(),
                o.postOnly(), o.price(), o.stopPrice(), o.quotedPrice(), o.quantity(), o.quoteBudget(),
                o.filledQuantity(), o.filledNotional(), o.settled(), o.fees(), o.status(), o.reason(),
                o.clientOrderId(), o.traceId(), o.createdAt(), o.updatedAt(), sequence);
    }
}
