package org.bourse.engine.book;

import org.bourse.engine.Market;
import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderState;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;

/**
 * A live order: pending, resting in a book, or waiting for its trigger. Fields are public for the engine's
 * hot path and belong to the engine thread alone; everyone else reads it through {@link OrderState}.
 */
public final class Order implements OrderState {

    public long id;
    public long userId;
    public Market market;
    public Side side;
    public OrderKind kind;
    public TimeInForce timeInForce;
    public boolean postOnly;
    public long price;
    public long stopPrice;
    public long quotedPrice;
    public long quantity;
    public long quoteBudget;
    /** Market buys cannot know their cost in advance: they stop when the hold is spent. */
    public boolean budgetLimited;
    public long filled;
    public long held;
    /** Exact traded value: {@code notionalUnits + notionalFraction / baseUnit} quote minor units. */
    public long notionalUnits;
    public long notionalFraction;
    public long settled;
    /** Exact fees accrued (buy side): {@code feeUnits + feeFraction / 1e6}; charged rounded up. */
    public long feeUnits;
    public long feeFraction;
    public long fees;
    public OrderStatus status;
    public RejectReason reason;
    public String clientOrderId;
    public String traceId;
    public long createdAt;
    public long updatedAt;

    // intrusive links: the order's place in its price level (or stop queue), owned by the book
    PriceLevel level;
    Order previous;
    Order next;

    public long remaining() {
        return quantity - filled;
    }

    /** True while the order sits in a price level of its market's book. */
    public boolean isResting() {
        return level != null;
    }

    /** The next order at the same price, in time priority; null for the last. */
    public Order next() {
        return next;
    }

    public boolean isBuy() {
        return side == Side.BUY;
    }

    @Override public long id() { return id; }
    @Override public long userId() { return userId; }
    @Override public Market market() { return market; }
    @Override public Side side() { return side; }
    @Override public OrderKind kind() { return kind; }
    @Override public TimeInForce timeInForce() { return timeInForce; }
    @Override public boolean postOnly() { return postOnly; }
    @Override public long price() { return price; }
    @Override public long stopPrice() { return stopPrice; }
    @Override public long quotedPrice() { return quotedPrice; }
    @Override public long quantity() { return quantity; }
    @Override public long quoteBudget() { return quoteBudget; }
    @Override public long filledQuantity() { return filled; }
    @Override public long filledNotional() { return notionalUnits; }
    @Override public long settled() { return settled; }
    @Override public long fees() { return fees; }
    @Override public long held() { return held; }
    @Override public OrderStatus status() { return status; }
    @Override public RejectReason reason() { return reason; }
    @Override public String clientOrderId() { return clientOrderId; }
    @Override public String traceId() { return traceId; }
    @Override public long createdAt() { return createdAt; }
    @Override public long updatedAt() { return updatedAt; }
}
