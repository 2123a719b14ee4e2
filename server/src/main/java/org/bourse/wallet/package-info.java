/**
 * Balances, deposits (the sandbox faucet), transfers (seed 003's purchase) and the double-entry ledger.
 * Opens a new user's account with the initial balance ({@link org.bourse.wallet.AccountOpening}). Owns the
 * {@code ledger_entries}, {@code balances} and {@code wallet_transactions} read models.
 */
package org.bourse.wallet;
