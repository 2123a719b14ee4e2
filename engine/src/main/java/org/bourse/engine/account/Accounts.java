package org.bourse.engine.account;

import org.bourse.engine.Asset;
import org.bourse.engine.EngineListener;
import org.bourse.engine.LedgerType;
import org.bourse.engine.util.LongObjectMap;

/**
 * Every account and every change to them. A change of a total balance is always written as a ledger line
 * ({@link EngineListener#ledger}); a hold or a release moves funds between available and held of one account
 * and changes no total, so it is told as a balance change only. The fee account collects fees; the treasury
 * stands for the world outside (deposits come from it, withdrawals go to it), so its balance is minus what
 * the exchange holds for everyone, and the sum over all accounts of an asset is always zero.
 */
public final class Accounts {

    public static final long FEE_ACCOUNT = -1;
    public static final long TREASURY = -2;
    /** No balance may come near overflow: deposits that would pass this are refused. */
    public static final long MAX_BALANCE = 1L << 62;

    private final LongObjectMap<Account> users = new LongObjectMap<>(1024);
    private final Account fees = new Account(FEE_ACCOUNT, 8);
    private final Account treasury = new Account(TREASURY, 8);
    private EngineListener listener = EngineListener.NONE;
    private long lastLedgerId;

    public void listener(EngineListener listener) {
        this.listener = listener;
    }

    public Account find(long userId) {
        return userId == FEE_ACCOUNT ? fees : userId == TREASURY ? treasury : users.get(userId);
    }

    public Account open(long userId, int assets) {
        Account account = users.get(userId);
        if (account == null) {
            account = new Account(userId, assets);
            users.put(userId, account);
        }
        return account;
    }

    public Account fees() {
        return fees;
    }

    public Account treasury() {
        return treasury;
    }

    public int userCount() {
        return users.size();
    }

    /** User ids, ascending: the deterministic order for snapshots and hashes. */
    public long[] userIds() {
        return users.sortedKeys();
    }

    public long lastLedgerId() {
        return lastLedgerId;
    }

    public void lastLedgerId(long id) {
        this.lastLedgerId = id;
    }

    /** Adds to available and writes the ledger line. {@code amount} may be negative (a debit of available). */
    public void post(Account account, Asset asset, long amount, LedgerType type, long orderId, long tradeId,
                     String transactionId, String traceId) {
        if (amount == 0) {
            return;
        }
        account.addAvailable(asset.index(), amount);
        written(account, asset, amount, type, orderId, tradeId, transactionId, traceId);
    }

    /** Takes {@code amount} out of held funds (a fill settling from its hold) and writes the ledger line. */
    public void spendHeld(Account account, Asset asset, long amount, LedgerType type, long orderId, long tradeId,
                          String traceId) {
        spendHeld(account, asset, amount, type, orderId, tradeId, null, traceId);
    }

    /** The same, for a movement that carries a transaction id (a withdrawal paying out its hold). */
    public void spendHeld(Account account, Asset asset, long amount, LedgerType type, long orderId, long tradeId,
                          String transactionId, String traceId) {
        if (amount == 0) {
            return;
        }
        account.addHeld(asset.index(), -amount);
        written(account, asset, -amount, type, orderId, tradeId, transactionId, traceId);
    }

    /** Reserves available funds for an order. @return false, changing nothing, when there is not enough */
    public boolean hold(Account account, Asset asset, long amount) {
        if (account.available(asset.index()) < amount) {
            return false;
        }
        if (amount > 0) {
            account.addAvailable(asset.index(), -amount);
            account.addHeld(asset.index(), amount);
            changed(account, asset);
        }
        return true;
    }

    /** Returns reserved funds an order no longer needs to available. */
    public void release(Account account, Asset asset, long amount) {
        if (amount > 0) {
            account.addHeld(asset.index(), -amount);
            account.addAvailable(asset.index(), amount);
            changed(account, asset);
        }
    }

    /** Restores an account's balance of one asset from a snapshot. */
    public void restore(long accountId, int asset, long available, long held) {
        Account account = accountId == FEE_ACCOUNT ? fees : accountId == TREASURY ? treasury : open(accountId, asset + 1);
        account.addAvailable(asset, available);
        account.addHeld(asset, held);
    }

    private void written(Account account, Asset asset, long amount, LedgerType type, long orderId, long tradeId,
                         String transactionId, String traceId) {
        listener.ledger(++lastLedgerId, account.id(), asset, amount, account.total(asset.index()), type, orderId, tradeId,
                transactionId, traceId);
        changed(account, asset);
    }

    private void changed(Account account, Asset asset) {
        listener.balanceChanged(account.id(), asset, account.available(asset.index()), account.held(asset.index()));
    }
}
