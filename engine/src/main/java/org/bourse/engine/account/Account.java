package org.bourse.engine.account;

import java.util.Arrays;

/**
 * One owner's balances, per asset index: {@code available} may be spent or held, {@code held} is reserved by
 * open orders and by withdrawals not yet paid out. The total is their sum. Owned by the engine thread.
 */
public final class Account {

    private final long id;
    private long[] available;
    private long[] held;

    Account(long id, int assets) {
        this.id = id;
        this.available = new long[Math.max(assets, 4)];
        this.held = new long[Math.max(assets, 4)];
    }

    public long id() {
        return id;
    }

    public long available(int asset) {
        return asset < available.length ? available[asset] : 0;
    }

    public long held(int asset) {
        return asset < held.length ? held[asset] : 0;
    }

    public long total(int asset) {
        return available(asset) + held(asset);
    }

    /** How many asset slots exist; every slot beyond is zero. */
    public int slots() {
        return available.length;
    }

    void addAvailable(int asset, long amount) {
        ensure(asset);
        available[asset] = Math.addExact(available[asset], amount);
    }

    void addHeld(int asset, long amount) {
        ensure(asset);
        held[asset] = Math.addExact(held[asset], amount);
    }

    private void ensure(int asset) {
        if (asset >= available.length) {
            int size = Math.max(asset + 1, available.length * 2);
            available = Arrays.copyOf(available, size);
            held = Arrays.copyOf(held, size);
        }
    }
}
