package org.bourse.engine;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.account.Account;
import org.bourse.engine.book.Order;
import org.bourse.engine.util.LongObjectMap;

/**
 * The engine's books balanced, for tests and the audit: per asset what users hold, what the fee account and
 * the treasury hold, and what open orders reserve; plus counts of anything that must never happen.
 *
 * @param negativeBalances user or fee balances (available or held) below zero; must be 0
 * @param crossedBooks     markets whose best bid is at or above their best ask; must be 0
 * @param holdMismatches   (user, asset) pairs whose held balance differs from what their live orders and withdrawal
 *                         holds reserve; must be 0
 */
public record StateReport(long lastSequence, long stateHash, List<AssetTotals> assets, int liveOrders,
                          int negativeBalances, int crossedBooks, int holdMismatches) {

    /**
     * @param users       sum of available + held over user accounts
     * @param held        sum of held over user accounts
     * @param fees        the fee account's balance
     * @param treasury    the treasury's balance: minus everything deposited net of withdrawals
     * @param netDeposits deposits minus withdrawals; {@code users + fees} must equal it, and {@code users + fees
     *                    + treasury} must be 0
     * @param reserved    sum of what live orders hold of this asset
     * @param withdrawing sum of what withdrawals not yet paid out hold of this asset (amounts and fees);
     *                    {@code reserved + withdrawing} must equal {@code held}
     */
    public record AssetTotals(String asset, long users, long held, long fees, long treasury, long netDeposits,
                              long reserved, long withdrawing) {

        public boolean conserved() {
            return users + fees == netDeposits && users + fees + treasury == 0 && reserved + withdrawing == held;
        }
    }

    public boolean healthy() {
        return negativeBalances == 0 && crossedBooks == 0 && holdMismatches == 0
                && assets.stream().allMatch(AssetTotals::conserved);
    }

    static StateReport of(Engine engine) {
        int assetCount = engine.assetList.size();
        long[] users = new long[assetCount];
        long[] held = new long[assetCount];
        long[] reserved = new long[assetCount];
        int negative = 0;
        LongObjectMap<long[]> reservedByUser = new LongObjectMap<>();
        engine.orders.forEachValue(order -> {
            if (order.held != 0) {
                int asset = (order.isBuy() ? order.market.quote() : order.market.base()).index();
                reserved[asset] += order.held;
                reservedByUser.put(order.userId, add(reservedByUser.get(order.userId), assetCount, asset, order.held));
            }
        });
        long[] withdrawing = new long[assetCount];
        for (WithdrawalHold hold : engine.withdrawalHolds.values()) {
            int asset = hold.asset().index();
            withdrawing[asset] += hold.total();
            reservedByUser.put(hold.userId(), add(reservedByUser.get(hold.userId()), assetCount, asset, hold.total()));
        }
        int mismatches = 0;
        for (long userId : engine.accounts.userIds()) {
            Account account = engine.accounts.find(userId);
            long[] reservedHere = reservedByUser.get(userId);
            for (int a = 0; a < assetCount; a++) {
                users[a] += account.total(a);
                held[a] += account.held(a);
                long r = reservedHere == null ? 0 : reservedHere[a];
                if (account.available(a) < 0 || account.held(a) < 0) {
                    negative++;
                }
                if (r != account.held(a)) {
                    mismatches++;
                }
            }
        }
        Account fees = engine.accounts.fees();
        List<AssetTotals> totals = new ArrayList<>(assetCount);
        for (Asset asset : engine.assetList) {
            int a = asset.index();
            if (fees.available(a) < 0 || fees.held(a) != 0) {
                negative++;
            }
            totals.add(new AssetTotals(asset.code(), users[a], held[a], fees.total(a),
                    engine.accounts.treasury().total(a), engine.netDeposits(asset), reserved[a], withdrawing[a]));
        }
        int crossed = 0;
        for (Market market : engine.marketList) {
            if (market.book.isCrossed()) {
                crossed++;
            }
        }
        return new StateReport(engine.lastSequence, engine.stateHash(), List.copyOf(totals), engine.orders.size(),
                negative, crossed, mismatches);
    }

    private static long[] add(long[] sums, int size, int index, long amount) {
        long[] out = sums == null ? new long[size] : sums;
        out[index] += amount;
        return out;
    }
}
