package org.bourse.exchange;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.engine.Asset;
import org.bourse.engine.Engine;
import org.bourse.engine.account.Account;
import org.springframework.stereotype.Component;

/** Every account's balances as the engine has them now, readable from any thread. */
@Component
public final class LiveBalances implements LiveView {

    /** Minor units of one asset. */
    public record Balance(long available, long held) {
        public long total() {
            return available + held;
        }
    }

    private final Map<Long, Map<String, Balance>> accounts = new ConcurrentHashMap<>();

    /** The account's balances by asset code, in code order; empty when it has none. */
    public Map<String, Balance> of(long accountId) {
        Map<String, Balance> balances = accounts.get(accountId);
        return balances == null ? Map.of() : new TreeMap<>(balances);
    }

    public Balance of(long accountId, String asset) {
        Map<String, Balance> balances = accounts.get(accountId);
        Balance balance = balances == null ? null : balances.get(asset);
        return balance == null ? new Balance(0, 0) : balance;
    }

    @Override
    public void restore(Engine engine) {
        accounts.clear();
        for (long userId : engine.userIds()) {
            copy(engine, userId);
        }
        copy(engine, org.bourse.engine.account.Accounts.FEE_ACCOUNT);
        copy(engine, org.bourse.engine.account.Accounts.TREASURY);
    }

    private void copy(Engine engine, long accountId) {
        Account account = engine.account(accountId);
        for (Asset asset : engine.assets()) {
            long available = account.available(asset.index());
            long held = account.held(asset.index());
            if (available != 0 || held != 0) {
                set(accountId, asset.code(), new Balance(available, held));
            }
        }
    }

    @Override
    public void apply(CommandEvents command) {
        for (ExchangeEvent event : command.events()) {
            if (event instanceof ExchangeEvent.BalanceChanged changed) {
                set(changed.accountId(), changed.asset(), new Balance(changed.available(), changed.held()));
            }
        }
    }

    private void set(long accountId, String asset, Balance balance) {
        accounts.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>()).put(asset, balance);
    }
}
