package org.bourse.engine;

/**
 * Why a command did not do what it asked, as a stable code. Some are answered as a refused command (nothing
 * created), others end an order as {@link OrderStatus#FAILED} or {@link OrderStatus#CANCELLED} with this reason.
 */
public enum RejectReason {
    INSUFFICIENT_FUNDS,
    NO_LIQUIDITY,
    POST_ONLY_WOULD_TAKE,
    SELF_TRADE_PREVENTED,
    MARKET_HALTED,
    MARKET_NOT_FOUND,
    ASSET_NOT_FOUND,
    ORDER_NOT_FOUND,
    ORDER_NOT_PENDING,
    ORDER_NOT_CANCELLABLE,
    /** quantity zero, negative, not a multiple of the lot size, or below the minimum */
    INVALID_QUANTITY,
    /** price zero, negative, not a multiple of the tick size, or above the market's maximum */
    INVALID_PRICE,
    INVALID_STOP_PRICE,
    INVALID_AMOUNT,
    /** the order's value is below the market's minimum notional */
    BELOW_MIN_NOTIONAL,
    /** the order does not fit the combination of fields it was sent with (e.g. post-only on a market order) */
    INVALID_ORDER,
    /** same transaction id, different content */
    TRANSACTION_ID_REUSED,
    /** same client order id reused for a different order */
    CLIENT_ORDER_ID_REUSED,
    SAME_ACCOUNT,
    /** no such account, or an id that cannot own one (the fee account, the treasury) */
    INVALID_ACCOUNT,
    ALREADY_EXISTS,
    INVALID_MARKET,
    /** cancelled by time in force: IOC remainder, or an FOK order that could not fill entirely */
    TIME_IN_FORCE,
    /** cancelled by the owner */
    USER_CANCELLED,
    /** a pending order that was never executed */
    EXPIRED,
    /** a budget-limited market order ran out of funds before its quantity filled */
    BUDGET_EXHAUSTED,
    /** no withdrawal is held under that transaction id, or it already ended the other way */
    WITHDRAWAL_NOT_FOUND,
    /** a command that must name its transaction came without a transaction id */
    INVALID_TRANSACTION_ID
}
