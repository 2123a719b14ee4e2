package org.bourse.engine;

import org.bourse.engine.command.Command;

/**
 * Everything the engine does, told as it happens, on the engine thread. Callbacks must be quick and must not
 * call back into the engine; objects handed over ({@link OrderState}, {@link Market}) are live engine state,
 * to be read during the call and copied, never kept. Every method has an empty default, so a listener
 * implements only what it consumes.
 *
 * <p>Amounts are minor units of the asset named; prices are quote minor units per whole base unit.
 */
public interface EngineListener {

    EngineListener NONE = new EngineListener() {
    };

    /**
     * Once, when this listener begins to hear the engine: {@code engine} is the state after the last command it
     * will not be told about. In a recovery that is just before the first replayed command it hears (or at the
     * end of the replay, when it hears none), on the recovering thread; whatever a listener needs to make sense
     * of the commands that follow (the markets, the assets) can be read from it here. The engine must not be
     * changed, and nothing of it kept.
     */
    default void listening(Engine engine) {
    }

    /** Before anything else of the command; {@code timestamp} is the sequencer's, in epoch milliseconds. */
    default void commandStarted(long sequence, long timestamp, Command command) {
    }

    /** After everything the command caused, triggered stops included. */
    default void commandCompleted(long sequence, Command command, Result result) {
    }

    default void assetDefined(Asset asset) {
    }

    /** A market was listed, halted or resumed. */
    default void marketChanged(Market market) {
    }

    /** An order came to be, changed status, traded or ended; {@code order.status()} is its state after the change. */
    default void orderChanged(OrderState order, OrderEvent event) {
    }

    /** A place-order command that created no order at all (invalid, unknown market, insufficient funds). */
    default void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
    }

    /**
     * A trade at the resting order's price. {@code buyerPaid} and {@code sellerReceived} are quote minor units
     * before fees; they differ by less than one unit when the exact value is fractional (the difference goes
     * to the fee account, with the fees).
     */
    default void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                       long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
    }

    /**
     * One line of the double-entry ledger: a change of an account's total balance. The lines of one movement
     * sum to zero per asset. {@code accountId} is a user id, or {@link org.bourse.engine.account.Accounts#FEE_ACCOUNT} /
     * {@link org.bourse.engine.account.Accounts#TREASURY}. {@code balanceAfter} is the account's total (available + held) after it.
     */
    default void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                        long orderId, long tradeId, String transactionId, String traceId) {
    }

    /** An account's balance of one asset after a change (ledger line or hold/release). */
    default void balanceChanged(long accountId, Asset asset, long available, long held) {
    }

    /** A price level's aggregate after a change; {@code quantity} 0 means the level is gone. */
    default void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
    }

    /**
     * A deposit, withdrawal or transfer that moved funds (replays of the same transaction id are not repeated). A
     * withdrawal paid out from a hold ({@link org.bourse.engine.command.SettleWithdrawal}) is not told here: its
     * ledger lines and balance changes are all there is of it in the engine.
     */
    default void transactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount, Asset asset,
                                      long amount, String memo) {
    }
}
