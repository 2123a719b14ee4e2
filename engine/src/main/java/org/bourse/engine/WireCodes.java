package org.bourse.engine;

import org.bourse.engine.util.EnumCodes;

/**
 * The stored codes of the engine's enums, shared by the journal's command codec, the snapshots and the state
 * hash that closes every snapshot (so that reordering an enum's constants changes nothing that was stored).
 * Each list is the format, described in {@code docs/formats.md}: a code is a position in it, so new constants
 * go at the end, and the golden-file tests ({@code GoldenFilesTest}, {@code WireCodesTest}) pin every code.
 */
public final class WireCodes {

    public static final EnumCodes<Side> SIDE = new EnumCodes<>(Side.class, Side.BUY, Side.SELL);

    public static final EnumCodes<OrderKind> ORDER_KIND = new EnumCodes<>(OrderKind.class,
            OrderKind.LIMIT, OrderKind.MARKET, OrderKind.STOP_MARKET, OrderKind.STOP_LIMIT);

    public static final EnumCodes<TimeInForce> TIME_IN_FORCE = new EnumCodes<>(TimeInForce.class,
            TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK);

    public static final EnumCodes<MarketStatus> MARKET_STATUS = new EnumCodes<>(MarketStatus.class,
            MarketStatus.TRADING, MarketStatus.HALTED);

    public static final EnumCodes<OrderStatus> ORDER_STATUS = new EnumCodes<>(OrderStatus.class,
            OrderStatus.PENDING, OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED, OrderStatus.EXECUTED,
            OrderStatus.CANCELLED, OrderStatus.FAILED);

    public static final EnumCodes<RejectReason> REJECT_REASON = new EnumCodes<>(RejectReason.class,
            RejectReason.INSUFFICIENT_FUNDS, RejectReason.NO_LIQUIDITY, RejectReason.POST_ONLY_WOULD_TAKE,
            RejectReason.SELF_TRADE_PREVENTED, RejectReason.MARKET_HALTED, RejectReason.MARKET_NOT_FOUND,
            RejectReason.ASSET_NOT_FOUND, RejectReason.ORDER_NOT_FOUND, RejectReason.ORDER_NOT_PENDING,
            RejectReason.ORDER_NOT_CANCELLABLE, RejectReason.INVALID_QUANTITY, RejectReason.INVALID_PRICE,
            RejectReason.INVALID_STOP_PRICE, RejectReason.INVALID_AMOUNT, RejectReason.BELOW_MIN_NOTIONAL,
            RejectReason.INVALID_ORDER, RejectReason.TRANSACTION_ID_REUSED, RejectReason.CLIENT_ORDER_ID_REUSED,
            RejectReason.SAME_ACCOUNT, RejectReason.INVALID_ACCOUNT, RejectReason.ALREADY_EXISTS,
            RejectReason.INVALID_MARKET, RejectReason.TIME_IN_FORCE, RejectReason.USER_CANCELLED,
            RejectReason.EXPIRED, RejectReason.BUDGET_EXHAUSTED, RejectReason.WITHDRAWAL_NOT_FOUND,
            RejectReason.INVALID_TRANSACTION_ID);

    /**
     * Not written as such, but folded into the fingerprint of each remembered transaction id, which snapshots
     * store: a changed code would make a retry after an upgrade look like a reused id.
     */
    public static final EnumCodes<LedgerType> LEDGER_TYPE = new EnumCodes<>(LedgerType.class,
            LedgerType.DEPOSIT, LedgerType.WITHDRAWAL, LedgerType.TRANSFER_IN, LedgerType.TRANSFER_OUT,
            LedgerType.TRADE, LedgerType.FEE);

    private WireCodes() {
    }
}
