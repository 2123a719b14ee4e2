package org.bourse.engine.command;

/**
 * A request to change the engine's state: the unit the journal stores and the engine applies, one at a time,
 * in sequence. Every command carries the trace id of the request that caused it (null when none), which the
 * engine copies onto every order, trade and ledger line it produces.
 */
public sealed interface Command
        permits DefineAsset, ListMarket, SetMarketStatus, OpenAccount, OpenFundedAccount, Deposit, Withdraw, Transfer,
                PlaceOrder, ExecuteOrder, CancelOrder, ExpirePendingOrders, HoldWithdrawal, SettleWithdrawal,
                ReleaseWithdrawal {

    String traceId();
}
