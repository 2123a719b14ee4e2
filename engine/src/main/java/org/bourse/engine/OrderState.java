package org.bourse.engine;

/**
 * A read-only view of a live order, handed to {@link EngineListener}s. It is the engine's own object: read
 * what you need during the callback and keep copies, never the view itself.
 *
 * <p>Amounts: {@code price}, {@code stopPrice} and {@code quotedPrice} are quote minor units per whole base
 * unit; quantities are base minor units; {@code settled} and {@code fees} are quote minor units.
 */
public interface OrderState {

    long id();

    long userId();

    Market market();

    Side side();

    OrderKind kind();

    TimeInForce timeInForce();

    boolean postOnly();

    /** The limit price; for market and stop-market orders the protection price (the worst it may trade at); 0 if none. */
    long price();

    long stopPrice();

    /** The price the order was valued at when created: its limit, or the market's price then (market orders). */
    long quotedPrice();

    /** Base minor units; 0 for a market buy that spends a quote amount instead ({@link #quoteBudget()}). */
    long quantity();

    /** For a market buy by quote amount: the most it may spend, fees included; else 0. */
    long quoteBudget();

    long filledQuantity();

    /** Whole quote minor units of the exact value traded, {@code sum(price * quantity) / baseUnit} rounded down. */
    long filledNotional();

    /** Quote minor units the order paid (buy) or received (sell) for its fills, before fees. */
    long settled();

    /** Quote minor units of fees charged so far. */
    long fees();

    /** What is still reserved for the order: quote minor units for a buy, base minor units for a sell. */
    long held();

    OrderStatus status();

    /** Why the order failed or was cancelled; null otherwise. */
    RejectReason reason();

    /** The user's own id for the order, or null. */
    String clientOrderId();

    String traceId();

    /** Command timestamps, in the unit the sequencer stamps (epoch milliseconds in the server). */
    long createdAt();

    long updatedAt();
}
