package org.bourse.wallet;

/**
 * Opens a newly registered user's account and credits it with the configured initial balance
 * ({@link InitialBalance}). Called once per user, right after registration; implementations must be
 * idempotent per user id, since a retry after a crash may call again.
 */
public interface AccountOpening {

    /**
     * @param userId  the new user's id (the engine's {@code long} account owner)
     * @param traceId the registering request's id, to be stored as {@code trace_id} on the ledger entries
     */
    void openAccount(long userId, String traceId);
}
