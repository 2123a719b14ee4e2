/**
 * Balances, deposits, transfers and the ledger. For now only its public face: registration asks it to
 * open the new user's account ({@link org.bourse.wallet.AccountOpening}); the engine-backed side comes next.
 */
package org.bourse.wallet;
