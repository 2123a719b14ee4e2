/**
 * Seed 002's blockchain: the assets and the networks they move on ({@code GET /assets}), deposits to per-user
 * addresses derived from an extended public key and credited after enough confirmations, and withdrawals held
 * in the engine at once, approved (automatically below a threshold, else by an administrator), signed by the hot
 * wallet, broadcast, followed and settled; or, without a chain, paid by an administrator. Owns the
 * {@code deposit_addresses}, {@code chain_cursor}, {@code chain_blocks}, {@code chain_deposits} and
 * {@code withdrawals} tables; other modules see it through {@link org.bourse.chain.ChainReserves}.
 */
package org.bourse.chain;
