package org.bourse.engine;

import static org.bourse.engine.WireCodes.LEDGER_TYPE;
import static org.bourse.engine.WireCodes.MARKET_STATUS;
import static org.bourse.engine.WireCodes.ORDER_KIND;
import static org.bourse.engine.WireCodes.ORDER_STATUS;
import static org.bourse.engine.WireCodes.REJECT_REASON;
import static org.bourse.engine.WireCodes.SIDE;
import static org.bourse.engine.WireCodes.TIME_IN_FORCE;

import org.bourse.engine.account.Account;
import org.bourse.engine.book.BookSide;
import org.bourse.engine.book.Order;
import org.bourse.engine.book.PriceLevel;
import org.bourse.engine.util.StateHash;

/**
 * The engine's whole state folded into one number, in a fixed order (assets, markets with their books and
 * stops, accounts by id, pending orders, remembered ids, withdrawal holds, counters), so that a replayed or restored engine is
 * compared with the original in one comparison.
 *
 * <p>The hash is part of the snapshot format: every snapshot ends with it and is refused when the restored
 * engine hashes differently, and transaction fingerprints (stored in snapshots) are hashes too. Enums are
 * therefore hashed by their stored codes ({@link WireCodes}), never by ordinal, and a change to what is hashed
 * must leave the hash of every state an older snapshot can hold as it was (see {@code docs/formats.md}).
 */
final class EngineState {

    private EngineState() {
    }

    static long hash(Engine engine) {
        StateHash h = new StateHash();
        h.add(engine.config().slippagePpm()).add(engine.config().idempotencyRetention());
        for (Asset asset : engine.assetList) {
            h.add(asset.index()).add(asset.code()).add(asset.scale()).add(engine.netDeposits(asset));
        }
        for (Market market : engine.marketList) {
            hashMarket(h, market);
        }
        hashAccount(h, engine.accounts.fees(), engine);
        hashAccount(h, engine.accounts.treasury(), engine);
        for (long userId : engine.accounts.userIds()) {
            hashAccount(h, engine.accounts.find(userId), engine);
        }
        for (Order order : engine.pending.values()) {
            hashOrder(h, order);
        }
        engine.transactions.forEach((key, entry) -> h.add(key).add(entry.value()).add(entry.expiresAt()));
        engine.clientOrderIds.forEach((key, entry) -> h.add(key).add(entry.value()).add(entry.expiresAt()));
        // withdrawals add nothing while there are none, so an engine without any hashes as it did before they existed
        for (WithdrawalHold hold : engine.withdrawalHolds.values()) {
            h.add(hold.transactionId()).add(hold.userId()).add(hold.asset().index()).add(hold.amount()).add(hold.fee())
                    .add(hold.createdAt());
        }
        engine.finishedWithdrawals.forEach((key, entry) -> h.add(key).add(entry.value()).add(entry.expiresAt()));
        return h.add(engine.orders.size()).add(engine.lastOrderId).add(engine.lastTradeId)
                .add(engine.accounts.lastLedgerId()).add(engine.lastSequence).add(engine.lastTimestamp).value();
    }

    private static void hashMarket(StateHash h, Market m) {
        h.add(m.index()).add(m.symbol()).add(m.base().code()).add(m.quote().code()).add(m.tickSize()).add(m.lotSize())
                .add(m.minQuantity()).add(m.minNotional()).add(m.makerFeePpm()).add(m.takerFeePpm()).add(m.maxPrice())
                .add(m.maxQuantity()).add(MARKET_STATUS.code(m.status())).add(m.lastPrice()).add(m.bookSequence());
        hashSide(h, m.book.bids());
        hashSide(h, m.book.asks());
        for (Order stop : m.stops.all()) {
            hashOrder(h, stop);
        }
    }

    private static void hashSide(StateHash h, BookSide side) {
        h.add(side.levelCount());
        for (int depth = 0; depth < side.levelCount(); depth++) {
            PriceLevel level = side.level(depth);
            h.add(level.price()).add(level.totalQuantity()).add(level.orderCount());
            for (Order order = level.first(); order != null; order = order.next()) {
                hashOrder(h, order);
            }
        }
    }

    private static void hashAccount(StateHash h, Account account, Engine engine) {
        h.add(account.id());
        for (Asset asset : engine.assetList) {
            h.add(account.available(asset.index())).add(account.held(asset.index()));
        }
    }

    static void hashOrder(StateHash h, Order o) {
        h.add(o.id).add(o.userId).add(o.market.index()).add(SIDE.code(o.side)).add(ORDER_KIND.code(o.kind))
                .add(TIME_IN_FORCE.code(o.timeInForce)).add(o.postOnly)
                .add(o.price).add(o.stopPrice).add(o.quotedPrice).add(o.quantity).add(o.quoteBudget).add(o.budgetLimited)
                .add(o.filled).add(o.held).add(o.notionalUnits).add(o.notionalFraction).add(o.settled).add(o.feeUnits)
                .add(o.feeFraction).add(o.fees).add(ORDER_STATUS.code(o.status)).add(REJECT_REASON.code(o.reason))
                .add(o.clientOrderId).add(o.traceId)
                .add(o.createdAt).add(o.updatedAt);
    }

    /** Identifies how a withdrawal ended: settled with this reference, or released. */
    static long withdrawalOutcome(boolean settled, String reference) {
        return new StateHash().add(settled ? "settled" : "released").add(reference).value();
    }

    /** Identifies a transaction's content, to tell a retry (same content) from a reused id (different content). */
    static long fingerprint(LedgerType type, long from, long to, String asset, long amount, String memo) {
        return new StateHash().add(LEDGER_TYPE.code(type)).add(from).add(to).add(asset).add(amount).add(memo).value();
    }
}
