package org.bourse.engine;

/**
 * Funds held for a withdrawal not yet paid out: {@code amount} for the recipient and {@code fee} for the fee
 * account, minor units of {@code asset}, reserved from the user's available balance since {@code createdAt}
 * (epoch ms). Immutable; the engine keeps one per live withdrawal.
 */
public record WithdrawalHold(String transactionId, long userId, Asset asset, long amount, long fee, long createdAt) {

    /** What the hold keeps out of the user's available balance. */
    public long total() {
        return amount + fee;
    }

    static String key(long userId, String transactionId) {
        return userId + ":" + transactionId;
    }
}
